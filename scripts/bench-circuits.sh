#!/usr/bin/env bash
# Server memory per connected user with the Posteingang open: a Release build on a fresh demo
# database, and 50 Chromium contexts (one Blazor circuit each) signed in as the clerk.
#   scripts/bench-circuits.sh [contexts=50]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-app.sh
contexts=${1:-50}
port=5082
scripts/install-test-deps.sh
dotnet build tests/BackOffice.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
# Development: static assets (Radzen's) come from the build's manifest, as with make run.
start_bench_app $port Development
tests/BackOffice.Benchmarks/bin/Release/net10.0/BackOffice.Benchmarks circuits --url "http://127.0.0.1:$port" --pid $app --contexts "$contexts"
