#!/usr/bin/env bash
# Prints the time from `make run` (on an already built tree, with the demo database in place)
# to the first page served, five times, and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:5080/anmelden
if curl -s -o /dev/null "$url"; then echo "Port 5080 is in use; stop the running app first." >&2; exit 1; fi

start_app() { setsid make --no-print-directory run >/tmp/backoffice-startup.log 2>&1 & echo $!; }
wait_served() { until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do sleep 0.02; done; }
stop_app() { kill -- -"$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; while curl -s -o /dev/null "$url"; do sleep 0.05; done; }

make --no-print-directory build
# First start seeds the demo county when the database is empty; it is not part of the figure.
pid=$(start_app); wait_served; stop_app "$pid"

times=()
for i in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  pid=$(start_app)
  wait_served
  t1=$(date +%s.%N)
  stop_app "$pid"
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  times+=("$t")
  printf 'run %d: %.2f s from make run to the first page\n' "$i" "$t"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median: %.2f s (budget 5 s)\n", a[int((NR+1)/2)]}'
