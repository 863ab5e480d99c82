#!/usr/bin/env bash
# Starts and stops an Eclipse Mosquitto broker for SensorChain on 127.0.0.1 with all its data under DATA_DIR.
#
#   mosquitto.sh start DATA_DIR [PORT] [TLS_PORT]   plain listener on PORT (default 18830; 0 = none) and a TLS
#                                                  listener on TLS_PORT (default 18883) requiring client
#                                                  certificates; waits until both accept connections
#   mosquitto.sh stop DATA_DIR                     SIGTERM (Mosquitto saves its persistence file), waits for exit
#   mosquitto.sh kill DATA_DIR                     SIGKILL: a crash, for fault tests
#
# Creates the PKI in DATA_DIR/pki with pki.sh if missing; configuration from deploy/mosquitto/*.template.
# Installs the Debian packages mosquitto and mosquitto-clients if missing (needs root and apt).
# Environment: MOSQ_AUTOSAVE_INTERVAL (seconds between persistence snapshots, default 10).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
templates="$here/../mosquitto"
die() { echo "mosquitto.sh: $*" >&2; exit 2; }

ensure_installed() {
  if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
    command -v apt-get >/dev/null || die "mosquitto is not installed and apt-get is unavailable"
    echo "mosquitto.sh: installing mosquitto, mosquitto-clients, libmosquitto1" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto mosquitto-clients libmosquitto1 >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto mosquitto-clients libmosquitto1 >/dev/null; }
  fi
}

bin() { command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [ -f "$1/mosquitto.pid" ] && kill -0 "$(cat "$1/mosquitto.pid")" 2>/dev/null; }

start() {
  local data port tls user plain
  [ $# -ge 1 ] || die "usage: mosquitto.sh start DATA_DIR [PORT] [TLS_PORT]"
  mkdir -p "$1"; data="$(cd "$1" && pwd)"; port="${2:-18830}"; tls="${3:-18883}"
  [[ "$port" =~ ^[0-9]+$ && "$tls" =~ ^[0-9]+$ ]] || die "ports must be numbers"
  [ "$port" != "$tls" ] || die "PORT and TLS_PORT must differ (both are $port)"
  if running "$data"; then echo "mosquitto.sh: already running in $data" >&2; return 0; fi
  ensure_installed
  mkdir -p "$data/mosq"
  "$here/pki.sh" init "$data/pki"
  user=""; [ "$(id -u)" = 0 ] && user="user root"
  plain=""; [ "$port" != 0 ] && plain="$(printf 'listener %s 127.0.0.1\nallow_anonymous true' "$port")"
  sed -e "s#@DATA@#$data#g" -e "s#@TLS_PORT@#$tls#g" -e "s#@USER@#$user#" \
      -e "s#@AUTOSAVE@#${MOSQ_AUTOSAVE_INTERVAL:-10}#" "$templates/mosquitto.conf.template" \
    | awk -v plain="$plain" '{ if ($0 == "@PLAIN@") print plain; else print }' > "$data/mosquitto.conf"
  cp "$templates/acl.template" "$data/acl"
  "$(bin)" -c "$data/mosquitto.conf" >>"$data/mosquitto.log" 2>&1 &
  echo $! > "$data/mosquitto.pid"
  for _ in $(seq 1 100); do
    if ! kill -0 "$(cat "$data/mosquitto.pid")" 2>/dev/null; then
      tail -n 20 "$data/mosquitto.log" >&2; die "mosquitto exited during start-up (log: $data/mosquitto.log)"
    fi
    if { [ "$port" = 0 ] || port_open "$port"; } && port_open "$tls"; then
      echo "mosquitto.sh: running (pid $(cat "$data/mosquitto.pid"), plain $port, tls $tls, data $data)" >&2
      return 0
    fi
    sleep 0.1
  done
  die "mosquitto did not open ports $port/$tls within 10 s (log: $data/mosquitto.log)"
}

stop() {
  local data sig="${2:-TERM}" pid
  [ $# -ge 1 ] || die "usage: mosquitto.sh stop DATA_DIR"
  data="$1"
  [ -f "$data/mosquitto.pid" ] || return 0
  pid="$(cat "$data/mosquitto.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; }
  fi
  rm -f "$data/mosquitto.pid"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  start) start "$@" ;;
  stop)  stop "${1:?usage: mosquitto.sh stop DATA_DIR}" TERM ;;
  kill)  stop "${1:?usage: mosquitto.sh kill DATA_DIR}" KILL ;;
  *) die "usage: mosquitto.sh start DATA_DIR [PORT] [TLS_PORT] | stop DATA_DIR | kill DATA_DIR" ;;
esac
