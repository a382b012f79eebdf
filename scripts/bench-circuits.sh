#!/usr/bin/env bash
# Server memory per connected user with the Posteingang open: a Release build on a fresh demo
# database, and 50 Chromium contexts (one Blazor circuit each) signed in as the clerk.
set -euo pipefail
cd "$(dirname "$0")/.."
contexts=${1:-50}
port=5082
data=$(mktemp -d /tmp/backoffice-bench-circuits.XXXX)
scripts/install-test-deps.sh
dotnet build src/BackOffice -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tests/BackOffice.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
(cd src/BackOffice && ASPNETCORE_ENVIRONMENT=Development BackOffice__SeedDemoData=true BackOffice__DataDirectory="$data" \
  Logging__LogLevel__Default=Warning exec ./bin/Release/net9.0/linux-x64/BackOffice --urls "http://127.0.0.1:$port") > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
  kill -0 $app 2>/dev/null || { cat "$data/app.log"; exit 1; }
  sleep 0.2
done
tests/BackOffice.Benchmarks/bin/Release/net9.0/linux-x64/BackOffice.Benchmarks circuits --url "http://127.0.0.1:$port" --pid $app --contexts "$contexts"
