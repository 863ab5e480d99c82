#!/usr/bin/env bash
# Installs the SensorChain gateway on Raspberry Pi OS 64-bit (bookworm) as a systemd service.
# Usage: sudo ./install.sh PUBLISH_DIR [KIT_JSON]
#   PUBLISH_DIR: output of `dotnet publish cli/SensorChain.Cli -c Release -r linux-arm64 --self-contained`
#   KIT_JSON:    the kit configuration (default: PUBLISH_DIR/kit.json if present)
set -euo pipefail

if [[ $EUID -ne 0 ]]; then
  echo "install.sh: run as root (sudo)." >&2
  exit 1
fi
if [[ $# -lt 1 || ! -x "$1/sensorchain" ]]; then
  echo "usage: sudo $0 PUBLISH_DIR [KIT_JSON]  (PUBLISH_DIR must contain the sensorchain executable)" >&2
  exit 2
fi

publish_dir=$1
kit_json=${2:-"$publish_dir/kit.json"}
app_dir=/opt/sensorchain
etc_dir=/etc/sensorchain
data_dir=/var/lib/sensorchain
user=sensorchain

# Enable the I2C and serial hardware (0 = enable in raspi-config's nonint mode). Serial: login shell off, port on.
if command -v raspi-config >/dev/null 2>&1; then
  raspi-config nonint do_i2c 0
  raspi-config nonint do_serial_hw 0
  raspi-config nonint do_serial_cons 1
else
  echo "install.sh: raspi-config not found; enable I2C (dtparam=i2c_arm=on) and the UART yourself." >&2
fi

# Dedicated system user, allowed to open /dev/i2c-* and serial ports.
getent group i2c >/dev/null || groupadd --system i2c
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --home-dir "$data_dir" --shell /usr/sbin/nologin "$user"
fi
usermod -a -G i2c,dialout "$user"

install -d -m 0755 "$app_dir"
cp -a "$publish_dir"/. "$app_dir"/
chmod 0755 "$app_dir/sensorchain"
install -d -m 0755 "$etc_dir"
if [[ -f "$kit_json" ]]; then
  install -m 0644 "$kit_json" "$etc_dir/kit.json"
elif [[ ! -f "$etc_dir/kit.json" ]]; then
  echo "install.sh: no kit.json given; write $etc_dir/kit.json before starting (see docs/hardware.md)." >&2
fi
# The device key is created by the gateway on first start, inside the data directory (mode 0700).
install -d -m 0700 -o "$user" -g "$user" "$data_dir"

install -m 0644 "$(dirname "$0")/sensorchain-gateway.service" /etc/systemd/system/sensorchain-gateway.service
systemctl daemon-reload
systemctl enable sensorchain-gateway.service
echo "Installed. Reboot once if I2C/serial were just enabled, then: systemctl start sensorchain-gateway"
