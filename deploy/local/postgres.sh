#!/usr/bin/env bash
# Local PostgreSQL 15 for tests, CI, benchmarks and operators.
#
#   deploy/local/postgres.sh start DATA_DIR [PORT]   initdb (first time) + start on 127.0.0.1; prints the connection string
#   deploy/local/postgres.sh stop DATA_DIR           fast shutdown (data stays in DATA_DIR)
#   deploy/local/postgres.sh status DATA_DIR         prints the connection string if running, exits 1 otherwise
#
# Both commands are idempotent. PostgreSQL refuses to run as root: the server runs as user 'postgres', which must be
# able to reach DATA_DIR (every parent directory needs o+x; `mktemp -d` folders under /tmp work). Without PORT the first
# free port in 15432-15439 is used. Extra server settings: SENSORCHAIN_PG_OPTIONS (e.g. "-c fsync=off" for throwaway
# test clusters). The last line printed by `start` is an Npgsql connection string for database 'sensorchain'.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
DB_NAME=sensorchain

die() { echo "postgres.sh: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    [ "$(id -u)" = 0 ] || die "postgresql-15 is not installed and we are not root to apt-get install it"
    echo "postgres.sh: installing postgresql-15" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2 || {
      apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2; }
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=$DB_NAME"; }

is_running() { [ -f "$1/db/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$1/db" status >/dev/null 2>&1; }

cmd_start() {
  local dir=$1 port=${2:-}
  ensure_installed
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
    chmod 0700 "$dir"
    runuser -u postgres -- test -w "$dir" \
      || die "user postgres cannot reach $dir (a parent directory lacks o+x); use a folder made with mktemp -d"
  fi

  if is_running "$dir"; then
    conn_string "$(cat "$dir/port")"
    return 0
  fi

  # Candidate ports: the one asked for, else the folder's previous port, then 15432-15439. Two servers starting at
  # the same moment may both see a port free; the one that loses the bind moves on to the next candidate.
  local candidates
  if [ -n "$port" ]; then
    port_free "$port" || die "port $port on 127.0.0.1 is in use"
    candidates=$port
  else
    candidates="$( [ -f "$dir/port" ] && cat "$dir/port") $(seq 15432 15439)"
  fi

  if [ ! -f "$dir/db/PG_VERSION" ]; then
    as_postgres "$PG_BIN/initdb" -D "$dir/db" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  local started=""
  for port in $candidates; do
    port_free "$port" || continue
    echo "$port" >"$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/port"
    : >"$dir/pg.log"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg.log"
    # shellcheck disable=SC2086
    if as_postgres "$PG_BIN/pg_ctl" -D "$dir/db" -l "$dir/pg.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 ${SENSORCHAIN_PG_OPTIONS:-}" start >/dev/null 2>&1; then
      started=1
      break
    fi
    grep -q "Address already in use" "$dir/pg.log" || { tail -n 30 "$dir/pg.log" >&2; die "pg_ctl start failed"; }
  done
  [ -n "$started" ] || { tail -n 30 "$dir/pg.log" >&2; die "no free port in 15432-15439 (lost every bind); pass PORT"; }

  for _ in $(seq 1 100); do
    if as_postgres "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
    sleep 0.1
  done
  as_postgres "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" || die "server did not become ready (see $dir/pg.log)"

  if ! as_postgres "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    as_postgres "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres "$DB_NAME"
  fi
  conn_string "$port"
}

cmd_stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if is_running "$dir"; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/db" -m fast -w -t 60 stop >/dev/null
  fi
}

cmd_status() {
  local dir=$1
  is_running "$dir" || { echo "stopped"; return 1; }
  conn_string "$(cat "$dir/port")"
}

case "${1:-}" in
  start) [ $# -ge 2 ] || die "usage: $0 start DATA_DIR [PORT]"; cmd_start "$2" "${3:-}" ;;
  stop) [ $# -ge 2 ] || die "usage: $0 stop DATA_DIR"; cmd_stop "$2" ;;
  status) [ $# -ge 2 ] || die "usage: $0 status DATA_DIR"; cmd_status "$2" ;;
  *) die "usage: $0 start DATA_DIR [PORT] | stop DATA_DIR | status DATA_DIR" ;;
esac
