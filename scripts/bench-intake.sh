#!/usr/bin/env bash
# The portal intake load benchmark: a Release build of the app on a fresh demo database, and the
# sample portal sending submissions with one 200 KB PDF each from 16 concurrent clients.
#   scripts/bench-intake.sh [seconds=60] [clients=16]      (600 seconds for the memory check)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-app.sh
seconds=${1:-60}
clients=${2:-16}
port=5081
dotnet build src/BackOffice.SamplePortal -c Release --nologo -v quiet -clp:ErrorsOnly
start_bench_app $port Production
src/BackOffice.SamplePortal/bin/Release/net10.0/BackOffice.SamplePortal load --url "http://127.0.0.1:$port" \
  --clients "$clients" --seconds "$seconds" --pdf-kb 200 --server-pid $app

# The text reader gives way during the load; how long it then takes to read every new PDF.
if command -v sqlite3 >/dev/null; then
  start=$(date +%s.%N)
  pending=$(sqlite3 "file:$data/backoffice.db?mode=ro" "SELECT count(*) FROM Documents WHERE Text IS NULL")
  echo "documents whose text is still to be read after the load: $pending"
  while [ "$(sqlite3 "file:$data/backoffice.db?mode=ro" "SELECT count(*) FROM Documents WHERE Text IS NULL")" != "0" ]; do sleep 1; done
  awk -v s="$start" -v e="$(date +%s.%N)" -v n="$pending" 'BEGIN { t = e - s; printf "read in %.1f s after the load (%.0f documents/s)\n", t, (t > 0 ? n / t : 0) }'
fi
