#!/usr/bin/env bash
# Database contexts per triage action on the Posteingang: a Release build on a fresh demo database, the clerk in
# Chromium assigning one item and then a selection of 20; the app logs each context and command (EF's categories).
# The document text reader is off: it polls the database on its own and would blur the count.
#   scripts/bench-contexts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-app.sh
port=5083
scripts/install-test-deps.sh
dotnet build tests/BackOffice.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH_ENV="BackOffice__DocumentTextPollSeconds=0 Logging__LogLevel__Microsoft.EntityFrameworkCore.Infrastructure=Debug Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information" \
  start_bench_app $port Development
tests/BackOffice.Benchmarks/bin/Release/net10.0/BackOffice.Benchmarks contexts --url "http://127.0.0.1:$port" --log "$data/app.log"
