#!/usr/bin/env bash
# `make bench-cluster`: several instances, measured (ADR-0018). Release builds; Galera, Redis and HAProxy from
# scripts/cluster.sh, a single MariaDB from scripts/mariadb.sh beside it.
#  1. Portal intake through the proxy, 16 clients, 200 KB PDFs: one and two instances, on the single MariaDB and on
#     the Galera cluster, side by side; submissions/s, p99, and CPU per submission (app instances, database servers).
#  2. Failover: the longest time a portal client is not served after kill -9 of an instance, and of the Galera writer.
#  3. Live updates: delivery on one instance until the row shows on a clerk's page on the other (p50, p99).
#   scripts/bench-cluster.sh [seconds=30] [clients=16]   (BENCH_PARTS="2 3" runs only those parts)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}; clients=${2:-16}
dir=$(mktemp -d /tmp/backoffice-bench-cluster.XXXX)
chmod 755 "$dir" # the Galera nodes run as the mysql user
export APP_PORT=5090 APP1_PORT=5091 APP2_PORT=5092
proxy="http://127.0.0.1:$APP_PORT"
dotnet build src/BackOffice -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build src/BackOffice.SamplePortal -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tests/BackOffice.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
portal=src/BackOffice.SamplePortal/bin/Release/net10.0/BackOffice.SamplePortal

scripts/cluster.sh start "$dir/cluster" >/dev/null
source "$dir/cluster/cluster.env"
single=$(scripts/mariadb.sh start "$dir/single" | tail -1)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/cluster.sh stop "$dir/cluster" || true
  scripts/mariadb.sh stop "$dir/single" || true
  rm -rf "$dir"
}
trap cleanup EXIT

start_app() { # NAME PORT CONNECTION-STRING
  ( cd src/BackOffice && ASPNETCORE_ENVIRONMENT=Production BackOffice__SeedDemoData=true BackOffice__DemoScale=0.1 \
      BackOffice__DataDirectory="$dir/shared" BackOffice__InstanceName="$1" BackOffice__Redis="$REDIS" BackOffice__StaticAssetsFromBuild=true \
      BackOffice__Database__Provider=MariaDb BackOffice__Database__ConnectionString="$3" BackOffice__TrustForwardedHeaders=true \
      BackOffice__Portal__RequestsPerSecond=100000 BackOffice__Portal__Burst=100000 \
      Logging__LogLevel__Default=Warning exec ./bin/Release/net10.0/BackOffice --urls "http://127.0.0.1:$2" ) > "$dir/$1.log" 2>&1 &
  pids+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$2/ready"; do kill -0 "${pids[-1]}" 2>/dev/null || { tail -30 "$dir/$1.log"; exit 1; }; sleep 0.3; done
}
stop_apps() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
# The proxy serves an instance once its check passed twice (1 s apart).
# (200 without a new cookie: the proxy sent the request to the instance the cookie names.)
wait_proxy() {
  local name h
  for name in "$@"; do
    for _ in $(seq 1 300); do
      h=$(curl -s -D - -o /dev/null -b "BACKOFFICE_INSTANCE=$name" "$proxy/ready" || true)
      if echo "$h" | grep -q '^HTTP/1.1 200' && ! echo "$h" | grep -qi '^set-cookie'; then break; fi
      sleep 0.3
    done
  done
}
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
db_pids() { if [ "$1" = galera ]; then cat "$dir"/cluster/node*/mysqld.pid; else cat "$dir/single/mysqld.pid"; fi; }
connection() { # DB NAME
  local cs; if [ "$1" = galera ]; then cs=$CONNECTION_STRING; else cs=$single; fi
  echo "${cs/Database=backoffice/Database=$2}"
}

parts=${BENCH_PARTS:-1 2 3}
results=()
if [[ " $parts " == *" 1 "* ]]; then
echo "== 1. Portal intake through HAProxy ($clients clients, $seconds s, 200 KB PDF each; $(nproc) cores for everything)"
for db in single galera; do
  for n in 1 2; do
    cs=$(connection "$db" "bench_${db}_$n")
    rm -rf "$dir/shared"
    start_app app1 "$APP1_PORT" "$cs"; names=(app1)
    if [ "$n" = 2 ]; then start_app app2 "$APP2_PORT" "$cs"; names+=(app2); fi
    wait_proxy "${names[@]}"
    mapfile -t dbp < <(db_pids "$db")
    before_app=$(ticks "${pids[@]}"); before_db=$(ticks "${dbp[@]}")
    out=$("$portal" load --url "$proxy" --clients "$clients" --seconds "$seconds" --pdf-kb 200 || true)
    after_app=$(ticks "${pids[@]}"); after_db=$(ticks "${dbp[@]}")
    count=$(echo "$out" | sed -n 's/^accepted: \([0-9.,]*\) .*/\1/p' | tr -d '.,'); rate=$(echo "$out" | sed -n 's/.* = \([0-9.]*\) submissions\/s/\1/p')
    p99=$(echo "$out" | sed -n 's/.*p99 \([0-9.]*\).*/\1/p')
    # The load tool counts the measured seconds only; CPU covers the warm-up too (5 s), so per submission it is an upper bound.
    line=$(awk -v db="$db" -v n="$n" -v r="$rate" -v p="$p99" -v c="$count" -v a=$((after_app - before_app)) -v d=$((after_db - before_db)) -v s="$seconds" \
      'BEGIN { total = c * (s + 5) / s; printf "%-8s %d instance%s  %7.1f/s  p99 %7.1f ms  CPU per submission: app %5.1f ms, database %5.1f ms", db, n, (n > 1 ? "s" : " "), r, p, a * 10 / total, d * 10 / total }')
    echo "$line"; results+=("$line")
    echo "$out" | grep -E "^responses" | sed 's/^/           /'
    stop_apps
  done
done

fi

if [[ " $parts " == *" 2 "* || " $parts " == *" 3 "* ]]; then
echo "== 2. Failover (Galera, two instances, a portal probe of 4 clients through the proxy)"
cs=$(connection galera bench_failover); rm -rf "$dir/shared"
start_app app1 "$APP1_PORT" "$cs"; start_app app2 "$APP2_PORT" "$cs"; wait_proxy app1 app2
("$portal" probe --url "$proxy" --clients 4 --seconds 20 > "$dir/probe-instance.txt" 2>&1 || true) & probe=$!
sleep 6; kill -9 "${pids[0]}"; echo "kill -9 of instance app1 at $(date +%T.%N | cut -c1-12)"
wait $probe; sed 's/^/  /' "$dir/probe-instance.txt"
start_app app1 "$APP1_PORT" "$cs"; wait_proxy app1 app2
writer=$(mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -ubackoffice -pbackoffice -N -e "SELECT @@port")
node=$(for n in 1 2 3; do v="NODE${n}_PORT"; if [ "${!v}" = "$writer" ]; then echo $n; fi; done)
("$portal" probe --url "$proxy" --clients 4 --seconds 20 > "$dir/probe-writer.txt" 2>&1 || true) & probe=$!
sleep 6; scripts/cluster.sh kill-node "$dir/cluster" "$node"; echo "kill -9 of the Galera writer (node $node) at $(date +%T.%N | cut -c1-12)"
wait $probe; sed 's/^/  /' "$dir/probe-writer.txt"
scripts/cluster.sh start-node "$dir/cluster" "$node"

wait_proxy app1 app2
echo "== 3. Live updates across instances"
dotnet tests/BackOffice.Benchmarks/bin/Release/net10.0/BackOffice.Benchmarks.dll live --proxy "$proxy" \
  --app1 "http://127.0.0.1:$APP1_PORT" --app2 "http://127.0.0.1:$APP2_PORT" --samples "${LIVE_SAMPLES:-50}"
fi

echo "== Summary (intake)"
printf '%s\n' "${results[@]}"
