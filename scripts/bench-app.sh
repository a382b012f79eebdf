# Sourced by the benchmark scripts: starts a Release build of the app on a fresh demo database in
# the background and waits until it answers. Sets $app (its pid) and $data; stops it and deletes
# the data on exit.   usage: start_bench_app PORT ENVIRONMENT
start_bench_app() {
  local port=$1 environment=$2
  data=$(mktemp -d /tmp/backoffice-bench.XXXX)
  dotnet build src/BackOffice -c Release --nologo -v quiet -clp:ErrorsOnly
  (cd src/BackOffice && ASPNETCORE_ENVIRONMENT=$environment BackOffice__SeedDemoData=true BackOffice__DataDirectory="$data" BackOffice__StaticAssetsFromBuild=true \
    Logging__LogLevel__Default=Warning exec env ${BENCH_ENV:-} ./bin/Release/net10.0/BackOffice --urls "http://127.0.0.1:$port") > "$data/app.log" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 $app 2>/dev/null || { cat "$data/app.log"; exit 1; }
    sleep 0.2
  done
  echo "app pid $app, data $data"
}
