#!/usr/bin/env bash
# The portal intake load benchmark: a Release build of the app on a fresh demo database, and the
# sample portal sending submissions with one 200 KB PDF each from 16 concurrent clients; on SQLite and
# on MariaDB one after the other, each engine's figures printed under its name.
#   scripts/bench-intake.sh [seconds=60] [clients=16] [engine=both|sqlite|mariadb]   (600 seconds for the memory check)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
clients=${2:-16}
engine=${3:-both}
dotnet build src/BackOffice.SamplePortal -c Release --nologo -v quiet -clp:ErrorsOnly

run_one() { # engine port
  local name=$1 port=$2
  (
    source scripts/bench-app.sh
    if [ "$name" = mariadb ]; then
      server=$(mktemp -d /tmp/backoffice-bench-intake-mariadb.XXXX)
      cs=$(scripts/mariadb.sh start "$server" | tail -1)
      cs="${cs/Database=backoffice/Database=bench_intake_$$}"
      export BENCH_ENV="BackOffice__Database__Provider=MariaDb BackOffice__Database__ConnectionString=$cs"
    fi
    echo "== $name"
    start_bench_app "$port" Production
    if [ "$name" = mariadb ]; then
      trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"; scripts/mariadb.sh stop "$server"; rm -rf "$server"' EXIT
    fi
    src/BackOffice.SamplePortal/bin/Release/net10.0/BackOffice.SamplePortal load --url "http://127.0.0.1:$port" \
      --clients "$clients" --seconds "$seconds" --pdf-kb 200 --server-pid $app
    # The text reader gives way during the load; how long it then takes to read every new PDF.
    if [ "$name" = mariadb ]; then
      query() { mariadb --no-defaults --socket="$server/mysqld.sock" -uroot -N -e "SELECT count(*) FROM bench_intake_$$.Documents WHERE Text IS NULL"; }
    else
      query() { sqlite3 "file:$data/backoffice.db?mode=ro" "SELECT count(*) FROM Documents WHERE Text IS NULL"; }
    fi
    start=$(date +%s.%N)
    pending=$(query)
    echo "documents whose text is still to be read after the load: $pending"
    while [ "$(query)" != "0" ]; do sleep 1; done
    awk -v s="$start" -v e="$(date +%s.%N)" -v n="$pending" 'BEGIN { t = e - s; printf "read in %.1f s after the load (%.0f documents/s)\n", t, (t > 0 ? n / t : 0) }'
  )
}

[ "$engine" = mariadb ] || run_one sqlite 5081
[ "$engine" = sqlite ] || run_one mariadb 5082
