#!/usr/bin/env bash
# Installs what SensorChain's tests and local servers need on Debian 12, when it is missing:
# Mosquitto (broker, clients, libmosquitto1), PostgreSQL 15, etcd, InfluxDB 1.x, Chromium, Node.js/npm.
# Safe to run again: it only installs what is absent. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(mosquitto mosquitto-clients libmosquitto1 postgresql-15 etcd-server etcd-client influxdb chromium nodejs npm)
missing=()
for p in "${packages[@]}"; do
  case "$p" in
    nodejs|npm) command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "prerequisites: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "prerequisites: all Debian packages present"
fi

# Nothing autostarts: the tests start their own servers through deploy/local/<server>.sh.
# Stop the packaged default instances if an install started them, so ports stay free.
for svc in mosquitto postgresql etcd influxdb; do
  if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
done
