#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the class-server tests and for trying a class locally:
# initdb in a folder, trust authentication, a unix socket in that folder and a free local port.
#
#   scripts/pg_cluster.sh start DIR   # creates DIR if needed, starts; prints the connection string
#   scripts/pg_cluster.sh stop DIR    # fast shutdown (connections are cut, as a crash would)
#   scripts/pg_cluster.sh restart DIR # start again on the same port (DIR/port)
#   scripts/pg_cluster.sh remove DIR  # stop and delete DIR
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user.
set -euo pipefail

action="${1:-}"
dir="${2:-}"
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|restart|remove DIR" >&2; exit 2; }
bin="${MESOMAP_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/initdb" ] || { echo "$0: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

connection() { echo "host=$dir port=$(cat "$dir/port") dbname=postgres user=postgres"; }

start() {
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_server "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    free_port >"$dir/port"
  fi
  if as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then connection; return; fi
  # fsync off: a throwaway cluster; its crashes are simulated by stopping it, not by power cuts.
  # MESOMAP_PG_FSYNC=on for benchmarks that compare with SQLite's durable commits.
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1 -c fsync=${MESOMAP_PG_FSYNC:-off} -c max_connections=200" \
    start >/dev/null
  connection
}

stop() {
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
}

case "$action" in
  start|restart) start ;;
  stop) stop ;;
  remove) stop; rm -rf "$dir" ;;
  *) echo "usage: $0 start|stop|restart|remove DIR" >&2; exit 2 ;;
esac
