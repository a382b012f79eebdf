#!/usr/bin/env bash
# `make run-cluster`: the demo county on three Galera nodes, Redis, two app instances and HAProxy, all on this
# machine, served through the proxy at http://127.0.0.1:5080 like `make run` (ADR-0018). Ctrl-C stops everything.
#   scripts/run-cluster.sh DIR   DIR holds the nodes' data, the shared data directory (documents) and the logs
set -euo pipefail
dir=$(realpath -m "${1:?directory}")
repo=$(cd "$(dirname "$0")/.." && pwd)
app="$repo/src/BackOffice/bin/${CONFIG:-Debug}/net10.0/BackOffice"
"$repo/scripts/install-run-deps.sh"
"$repo/scripts/cluster.sh" start "$dir/cluster" >/dev/null
source "$dir/cluster/cluster.env"
mkdir -p "$dir/shared"

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$repo/scripts/cluster.sh" stop "$dir/cluster"
}
trap stop EXIT INT TERM

start_instance() { # NAME PORT
  # Every instance shares the data directory (documents, scans; a network share in production) and the database.
  ( cd "$repo/src/BackOffice" && ASPNETCORE_ENVIRONMENT=Development BackOffice__SeedDemoData=true BackOffice__Scanning__DemoScans=true \
      BackOffice__DataDirectory="$dir/shared" BackOffice__InstanceName="$1" BackOffice__Redis="$REDIS" \
      BackOffice__Database__Provider=MariaDb BackOffice__Database__ConnectionString="$CONNECTION_STRING" \
      BackOffice__TrustForwardedHeaders=true exec "$app" --urls "http://127.0.0.1:$2" ) >> "$dir/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$2/ready" && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -40 "$dir/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$1 did not become ready" >&2; exit 1
}

# One after the other: the first migrates and seeds the demo county, the second finds it done.
start_instance app1 "$APP1_PORT"
start_instance app2 "$APP2_PORT"
echo "BackOffice on two instances behind HAProxy: http://127.0.0.1:$APP_PORT (instances $APP1_PORT, $APP2_PORT; logs in $dir)"
# Runs until Ctrl-C: an instance that dies (try kill -9) leaves the other serving; start it again by hand with the
# environment of start_instance above, or stop everything and run `make run-cluster` again.
wait
