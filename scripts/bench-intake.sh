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
src/BackOffice.SamplePortal/bin/Release/net9.0/linux-x64/BackOffice.SamplePortal load --url "http://127.0.0.1:$port" \
  --clients "$clients" --seconds "$seconds" --pdf-kb 200 --server-pid $app
