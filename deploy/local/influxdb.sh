#!/usr/bin/env bash
# Local InfluxDB 1.x for tests, CI and operators (the time-series sink writes line protocol to it).
#
#   deploy/local/influxdb.sh start DATA_DIR [HTTP_PORT]   write DATA_DIR/influxdb.conf, start influxd on 127.0.0.1,
#                                                          wait for /ping, create the database; prints the base URL
#   deploy/local/influxdb.sh stop DATA_DIR                 stop the server started from DATA_DIR
#   deploy/local/influxdb.sh status DATA_DIR               prints the base URL if running, exits 1 otherwise
#
# Idempotent. Without HTTP_PORT the first free port in 18086-18089 is used (the RPC bind port is the next free one
# in that range). Database name: SENSORCHAIN_INFLUX_DB (default 'sensorchain'). Usage reporting is disabled.
set -euo pipefail

DB_NAME=${SENSORCHAIN_INFLUX_DB:-sensorchain}

die() { echo "influxdb.sh: $*" >&2; exit 1; }

ensure_installed() {
  if ! command -v influxd >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "influxdb is not installed and we are not root to apt-get install it"
    echo "influxdb.sh: installing influxdb" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q influxdb >&2 || {
      apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q influxdb >&2; }
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_running() { [ -f "$1/influxd.pid" ] && kill -0 "$(cat "$1/influxd.pid")" 2>/dev/null; }

ping_ok() { curl -fsS -o /dev/null "http://127.0.0.1:$1/ping" 2>/dev/null; }

create_db() {
  curl -fsS -o /dev/null -XPOST "http://127.0.0.1:$1/query" --data-urlencode "q=CREATE DATABASE \"$DB_NAME\"" \
    || die "CREATE DATABASE failed"
}

cmd_start() {
  local dir=$1 port=${2:-} rpc=""
  ensure_installed
  command -v curl >/dev/null 2>&1 || die "curl is required"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  if is_running "$dir"; then
    port=$(cat "$dir/port")
    create_db "$port"
    echo "http://127.0.0.1:$port"
    return 0
  fi

  if [ -z "$port" ]; then
    if [ -f "$dir/port" ] && port_free "$(cat "$dir/port")"; then port=$(cat "$dir/port"); fi
  fi
  if [ -z "$port" ]; then
    for p in $(seq 18086 18089); do
      if port_free "$p"; then port=$p; break; fi
    done
    [ -n "$port" ] || die "no free port in 18086-18089; pass HTTP_PORT"
  fi
  port_free "$port" || die "port $port on 127.0.0.1 is in use"
  for p in $(seq 18086 18089) $(seq 18180 18199); do
    if [ "$p" != "$port" ] && port_free "$p"; then rpc=$p; break; fi
  done
  [ -n "$rpc" ] || die "no free port for the RPC bind address"

  mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
  cat >"$dir/influxdb.conf" <<EOF
reporting-enabled = false
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[logging]
  level = "warn"
EOF
  echo "$port" >"$dir/port"
  nohup influxd run -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 </dev/null &
  echo $! >"$dir/influxd.pid"

  for _ in $(seq 1 150); do
    if ping_ok "$port"; then break; fi
    is_running "$dir" || { tail -n 20 "$dir/influxd.log" >&2; die "influxd exited"; }
    sleep 0.1
  done
  ping_ok "$port" || { tail -n 20 "$dir/influxd.log" >&2; die "influxd did not answer /ping"; }
  create_db "$port"
  echo "http://127.0.0.1:$port"
}

cmd_stop() {
  local dir=$1
  is_running "$dir" || return 0
  local pid
  pid=$(cat "$dir/influxd.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/influxd.pid"
}

cmd_status() {
  local dir=$1
  is_running "$dir" || { echo "stopped"; return 1; }
  echo "http://127.0.0.1:$(cat "$dir/port")"
}

case "${1:-}" in
  start) [ $# -ge 2 ] || die "usage: $0 start DATA_DIR [HTTP_PORT]"; cmd_start "$2" "${3:-}" ;;
  stop) [ $# -ge 2 ] || die "usage: $0 stop DATA_DIR"; cmd_stop "$2" ;;
  status) [ $# -ge 2 ] || die "usage: $0 status DATA_DIR"; cmd_status "$2" ;;
  *) die "usage: $0 start DATA_DIR [HTTP_PORT] | stop DATA_DIR | status DATA_DIR" ;;
esac
