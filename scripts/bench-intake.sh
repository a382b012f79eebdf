#!/usr/bin/env bash
# The portal intake load benchmark: a Release build of the app on a fresh demo database, and the
# sample portal sending submissions with one 200 KB PDF each from 16 concurrent clients.
#   scripts/bench-intake.sh [seconds=60] [clients=16]      (600 seconds for the memory check)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
clients=${2:-16}
port=5081
data=$(mktemp -d /tmp/backoffice-bench-intake.XXXX)
dotnet build src/BackOffice -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build src/BackOffice.SamplePortal -c Release --nologo -v quiet -clp:ErrorsOnly
(cd src/BackOffice && ASPNETCORE_ENVIRONMENT=Production BackOffice__SeedDemoData=true BackOffice__DataDirectory="$data" \
  Logging__LogLevel__Default=Warning exec ./bin/Release/net9.0/linux-x64/BackOffice --urls "http://127.0.0.1:$port") > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
  kill -0 $app 2>/dev/null || { cat "$data/app.log"; exit 1; }
  sleep 0.2
done
echo "app pid $app, data $data"
src/BackOffice.SamplePortal/bin/Release/net9.0/linux-x64/BackOffice.SamplePortal load --url "http://127.0.0.1:$port" \
  --clients "$clients" --seconds "$seconds" --pdf-kb 200 --server-pid $app
