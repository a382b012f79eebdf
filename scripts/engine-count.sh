#!/usr/bin/env bash
# Says how many of the passed tests ran on each database engine (from dotnet test's console log). Tests name their
# engine in the class (…OnMariaDb, …OnSqlite), in a theory argument (engine: "MariaDb") or in the test name (MariaDb_…).
set -euo pipefail
log=${1:?test log}
passed=$(grep -cE '^\s+Passed ' "$log" || true)
maria=$(grep -E '^\s+Passed ' "$log" | grep -cE 'OnMariaDb|"MariaDb"|\.MariaDb_' || true)
sqlite=$(grep -E '^\s+Passed ' "$log" | grep -cE 'OnSqlite|"Sqlite"' || true)
echo "Database engines: $maria tests passed on MariaDB, $sqlite on SQLite explicitly beside them; $passed passed in all (the rest on SQLite)."
