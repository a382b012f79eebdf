#!/usr/bin/env bash
# A throwaway MariaDB server for tests and local runs: Debian's mariadb-server, started without systemd in a
# data directory of its own, on 127.0.0.1 and a free port. Installs the package when it is missing.
#   scripts/mariadb.sh start DIR   starts (or reuses) the server in DIR; prints its connection string (also in DIR/connection-string)
#   scripts/mariadb.sh stop DIR    stops it
set -euo pipefail
cmd=${1:?start or stop}; dir=$(realpath -m "${2:?data directory}")
socket="$dir/mysqld.sock"
admin() { mariadb-admin --no-defaults --socket="$socket" -uroot "$@"; }

case "$cmd" in
  start)
    command -v mariadbd >/dev/null || PATH="$PATH:/usr/sbin"
    command -v mariadbd >/dev/null || "$(dirname "$0")/apt-install.sh" mariadb-server mariadb-client
    mkdir -p "$dir"
    if [ -f "$dir/connection-string" ] && admin ping >/dev/null 2>&1; then cat "$dir/connection-string"; exit 0; fi
    [ -d "$dir/data/mysql" ] || mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
    # A free port: one that nothing answers on (bash alone, nothing else to install), below the range the system hands
    # out for outgoing connections (32768 and up), where a connection could take it before the server binds it.
    for _ in $(seq 1 50); do port=$(shuf -i 20000-32000 -n 1); (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || break; done
    # utf8mb4 with a German collation: umlauts sort and compare as a German reader expects (ä with a, ß with ss).
    nohup mariadbd --no-defaults --datadir="$dir/data" --user=root --bind-address=127.0.0.1 --port="$port" \
      --socket="$socket" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_german2_ci \
      --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=2 --max-connections=500 >/dev/null 2>&1 &
    for _ in $(seq 1 300); do admin ping >/dev/null 2>&1 && break; sleep 0.1; done
    admin ping >/dev/null 2>&1 || { cat "$dir/error.log" >&2; exit 1; }
    mariadb --no-defaults --socket="$socket" -uroot -e \
      "CREATE USER IF NOT EXISTS 'backoffice'@'127.0.0.1' IDENTIFIED BY 'backoffice'; GRANT ALL ON *.* TO 'backoffice'@'127.0.0.1';"
    echo "Server=127.0.0.1;Port=$port;User=backoffice;Password=backoffice;Database=backoffice" | tee "$dir/connection-string"
    ;;
  stop)
    admin shutdown >/dev/null 2>&1 || true
    rm -f "$dir/connection-string"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
