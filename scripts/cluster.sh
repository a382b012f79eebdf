#!/usr/bin/env bash
# The parts several app instances need, on this machine (ADR-0018): a three-node MariaDB Galera cluster, Redis, and
# HAProxy in front of the app instances and of the cluster. Installs Debian's packages when they are missing.
#   scripts/cluster.sh start DIR   starts (or reuses) them in DIR; writes DIR/cluster.env (ports, connection strings)
#   scripts/cluster.sh stop DIR    stops them (the nodes one after the other, so that the last can start the cluster again)
#   scripts/cluster.sh kill-node DIR N | start-node DIR N | stop-redis DIR   (tests: kill -9 a node, bring it back; stop Redis)
#   (start again brings back whatever is not running)
# Ports: APP_PORT (the proxy's address for users, default 5080), APP1_PORT and APP2_PORT (the instances, default
# 5081, 5082); the others are free ports chosen here.
set -euo pipefail
cmd=${1:?start, stop, kill-node or start-node}; dir=$(realpath -m "${2:?directory}")
repo=$(cd "$(dirname "$0")/.." && pwd)
PATH="$PATH:/usr/sbin"

# Ports below the range the system hands out for outgoing connections (32768 and up): a port found free there could be
# taken by some connection before the server binds it.
free_port() { local p; for _ in $(seq 1 100); do p=$(shuf -i 20000-32000 -n 1); (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; exit 1; }
sql() { mariadb --no-defaults --socket="$dir/node$1/mysqld.sock" -uroot -N -B -e "$2"; }
state() { sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2; }

install() {
  local missing=()
  command -v mariadbd >/dev/null || missing+=(mariadb-server mariadb-client)
  [ -f /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  if [ ${#missing[@]} -gt 0 ]; then "$repo/scripts/apt-install.sh" "${missing[@]}"; fi
}

# How soon the others give up on a node that died: while a member is only suspected, the cluster commits nothing.
# Galera waits 5 s by default, made for wide networks; on one site 2 s is safe (galera.cnf says the same).
EVS_TIMEOUTS="evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S"

# The committed position of a stopped node: grastate.dat has it after a clean stop; after a crash it says -1, and
# mariadbd --wsrep-recover reads it from InnoDB's logs. Empty when the node never ran.
position() { # N
  local node="$dir/node$1" seq
  [ -f "$node/data/grastate.dat" ] || return 0
  seq=$(sed -n 's/^seqno: *//p' "$node/data/grastate.dat")
  if [ "${seq:--1}" = -1 ]; then
    rm -f "$node/recover.log"
    mariadbd --defaults-file="$repo/deploy/galera.cnf" --datadir="$node/data" --user=mysql --wsrep-recover \
      --wsrep-cluster-address=gcomm:// --skip-networking --socket="$node/recover.sock" --log-error="$node/recover.log" >/dev/null 2>&1 || true
    seq=$(sed -n 's/.*WSREP: Recovered position: [^:]*:\(-\{0,1\}[0-9]*\).*/\1/p' "$node/recover.log" | tail -1)
  fi
  echo "${seq:--1}"
}

start_node() { # N [bootstrap]
  local n=$1 node="$dir/node$1"; source "$dir/cluster.env"
  local port_var="NODE${n}_PORT" gcomm_var="NODE${n}_GCOMM"
  local port=${!port_var} gcomm=${!gcomm_var}
  mkdir -p "$node"
  # As the mysql user, not root: the joiner's rsync daemon, run by root, would switch to nobody and could not write.
  chown mysql:mysql "$node"
  if ! runuser -u mysql -- test -w "$node"; then
    echo "The mysql user cannot reach $node: every folder above it must be open to others (chmod o+x)." >&2; exit 1
  fi
  [ -d "$node/data/mysql" ] || mariadb-install-db --no-defaults --datadir="$node/data" --user=mysql \
    --auth-root-authentication-method=normal --skip-test-db >"$node/install.log" 2>&1
  local extra=()
  if [ "${2:-}" = bootstrap ]; then
    extra+=(--wsrep-new-cluster)
    # The node chosen to start the cluster has the newest data (see "start" below); Galera wants to be told so.
    [ -f "$node/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$node/data/grastate.dat"
  fi
  nohup mariadbd --defaults-file="$repo/deploy/galera.cnf" --datadir="$node/data" --user=mysql \
    --bind-address=127.0.0.1 --port="$port" --socket="$node/mysqld.sock" --pid-file="$node/mysqld.pid" \
    --log-error="$node/error.log" --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$gcomm" \
    --wsrep-cluster-address="gcomm://127.0.0.1:$NODE1_GCOMM,127.0.0.1:$NODE2_GCOMM,127.0.0.1:$NODE3_GCOMM" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$gcomm;ist.recv_addr=127.0.0.1:$((gcomm + 1));gcache.size=64M;$EVS_TIMEOUTS" \
    --wsrep-sst-receive-address="127.0.0.1:$((gcomm + 2))" "${extra[@]}" >/dev/null 2>&1 &
  for _ in $(seq 1 600); do [ "$(state "$n")" = Synced ] && return 0; sleep 0.2; done
  echo "Galera node $n did not become Synced:" >&2; tail -30 "$node/error.log" >&2; exit 1
}

case "$cmd" in
  start)
    install
    mkdir -p "$dir"
    if [ ! -f "$dir/cluster.env" ]; then
      # Galera uses three ports per node: replication (g), incremental transfer (g+1), full copy (g+2).
      g() { local p; while :; do p=$(shuf -i 20000-31990 -n 1); p=$((p - p % 10)); for o in 0 1 2; do (echo > "/dev/tcp/127.0.0.1/$((p + o))") 2>/dev/null && continue 2; done; echo "$p"; return; done; }
      { echo "NODE1_PORT=$(free_port)"; echo "NODE2_PORT=$(free_port)"; echo "NODE3_PORT=$(free_port)"
        echo "NODE1_GCOMM=$(g)"; echo "NODE2_GCOMM=$(g)"; echo "NODE3_GCOMM=$(g)"
        echo "DB_PORT=$(free_port)"; echo "REDIS_PORT=$(free_port)"
        echo "APP_PORT=${APP_PORT:-5080}"; echo "APP1_PORT=${APP1_PORT:-5081}"; echo "APP2_PORT=${APP2_PORT:-5082}"; } > "$dir/cluster.env"
    fi
    source "$dir/cluster.env"
    if [ "$(state 1)" != Synced ] && [ "$(state 2)" != Synced ] && [ "$(state 3)" != Synced ]; then
      # Nobody runs: the node with the newest committed data starts the cluster (after a crash of all three, the one
      # that went last), the others join it and take what they miss from it. Starting from an older node would hand
      # its older state to the others and lose what was acknowledged since.
      first=1; best=-2
      for n in 1 2 3; do
        seq=$(position "$n")
        [ -n "$seq" ] || continue
        if [ "$seq" -gt "$best" ] || { [ "$seq" -eq "$best" ] && grep -qs '^safe_to_bootstrap: 1' "$dir/node$n/data/grastate.dat"; }; then first=$n; best=$seq; fi
      done
      [ "$best" -gt -2 ] && echo "Starting the cluster from node $first (committed position $best)" >&2
      start_node "$first" bootstrap
      sql "$first" "CREATE USER IF NOT EXISTS 'backoffice'@'127.0.0.1' IDENTIFIED BY 'backoffice'; GRANT ALL ON *.* TO 'backoffice'@'127.0.0.1';
                    CREATE USER IF NOT EXISTS 'haproxy'@'127.0.0.1';"
    fi
    for n in 1 2 3; do [ "$(state "$n")" = Synced ] || start_node "$n"; done
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || \
      redis-server "$repo/deploy/redis.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    if ! { [ -f "$dir/haproxy.pid" ] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null; }; then
      DEPLOY_DIR="$repo/deploy" APP_BIND="127.0.0.1:$APP_PORT" APP1="127.0.0.1:$APP1_PORT" APP2="127.0.0.1:$APP2_PORT" DB_BIND="127.0.0.1:$DB_PORT" \
      NODE1="127.0.0.1:$NODE1_PORT" NODE2="127.0.0.1:$NODE2_PORT" NODE3="127.0.0.1:$NODE3_PORT" \
        haproxy -f "$repo/deploy/haproxy.cfg" -D -p "$dir/haproxy.pid" 2>"$dir/haproxy.log"
    fi
    for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$DB_PORT") 2>/dev/null && break; sleep 0.1; done
    cat >> "$dir/cluster.env" <<ENV
CONNECTION_STRING="Server=127.0.0.1;Port=$DB_PORT;User=backoffice;Password=backoffice;Database=backoffice"
REDIS="127.0.0.1:$REDIS_PORT"
ENV
    # Only the last of each line counts when the file is read again.
    awk -F= '{ last[$1] = $0; order[$1] = NR } END { n = 0; for (k in order) keys[++n] = k; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (order[keys[j]] < order[keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }; for (i = 1; i <= n; i++) print last[keys[i]] }' "$dir/cluster.env" > "$dir/cluster.env.new" && mv "$dir/cluster.env.new" "$dir/cluster.env"
    cat "$dir/cluster.env"
    ;;
  stop)
    [ -f "$dir/cluster.env" ] || exit 0
    [ -f "$dir/haproxy.pid" ] && kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    for n in 3 2 1; do
      mariadb-admin --no-defaults --socket="$dir/node$n/mysqld.sock" -uroot shutdown >/dev/null 2>&1 || true
    done
    ;;
  stop-redis)
    source "$dir/cluster.env"
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  kill-node)
    kill -9 "$(cat "$dir/node${3:?node}/mysqld.pid")"
    ;;
  start-node)
    start_node "${3:?node}"
    ;;
  *) echo "usage: $0 start|stop|stop-redis|kill-node|start-node DIR [N]" >&2; exit 2 ;;
esac
