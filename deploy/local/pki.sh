#!/usr/bin/env bash
# Creates the MQTT PKI for SensorChain with OpenSSL: a CA, the broker certificate, and client certificates.
# A device certificate certifies the device's OWN P-256 signing key (its PKCS#8 PEM), with CN = the device id
# (first 16 bytes of SHA-256 over the SubjectPublicKeyInfo DER, 32 lowercase hex digits), so the identity the
# broker authenticates is the identity that signs the batches.
#
#   pki.sh init DIR                  CA + broker certificate (SAN localhost, 127.0.0.1) + ingester client "ingest"
#   pki.sh device DIR KEY_PEM        device certificate for KEY_PEM; prints the device id; DIR/devices/<id>.crt
#   pki.sh client DIR NAME           new key + client certificate with CN=NAME: DIR/clients/NAME.{crt,key}
#   pki.sh device-id KEY_PEM         prints the device id of KEY_PEM
# Files are created only if missing (idempotent). Validity: $PKI_DAYS days (default 825).
set -euo pipefail
DAYS="${PKI_DAYS:-825}"

die() { echo "pki.sh: $*" >&2; exit 2; }

device_id() {
  [ -f "$1" ] || die "key file '$1' not found"
  openssl pkey -in "$1" -pubout -outform DER 2>/dev/null | sha256sum | cut -c1-32 || die "'$1' is not a private key PEM"
}

ca() {
  local dir="$1"; mkdir -p "$dir"; chmod 700 "$dir"
  if [ ! -f "$dir/ca.crt" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
      -subj "/O=SensorChain/CN=SensorChain MQTT CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    chmod 600 "$dir/ca.key"
  fi
}

sign() { # dir csr out cn ext
  local dir="$1" csr="$2" out="$3" ext="$4"
  openssl x509 -req -in "$csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days "$DAYS" \
    -out "$out" -extfile <(printf '%s\n' "$ext") 2>/dev/null
  rm -f "$csr"
}

broker() {
  local dir="$1"
  [ -f "$dir/broker.crt" ] && return 0
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=SensorChain/CN=localhost" \
    -keyout "$dir/broker.key" -out "$dir/broker.csr" 2>/dev/null
  chmod 600 "$dir/broker.key"
  sign "$dir" "$dir/broker.csr" "$dir/broker.crt" \
    "$(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature')"
}

client() {
  local dir="$1" name="$2"
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "client name '$name' may contain only letters, digits, '.', '_' and '-'"
  mkdir -p "$dir/clients"
  [ -f "$dir/clients/$name.crt" ] && return 0
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=SensorChain/CN=$name" \
    -keyout "$dir/clients/$name.key" -out "$dir/clients/$name.csr" 2>/dev/null
  chmod 600 "$dir/clients/$name.key"
  sign "$dir" "$dir/clients/$name.csr" "$dir/clients/$name.crt" \
    "$(printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature')"
}

device() {
  local dir="$1" key="$2" id
  [ -f "$dir/ca.key" ] || die "no CA in '$dir': run 'pki.sh init $dir' first"
  id="$(device_id "$key")"
  mkdir -p "$dir/devices"
  if [ ! -f "$dir/devices/$id.crt" ]; then
    openssl req -new -key "$key" -subj "/O=SensorChain/CN=$id" -out "$dir/devices/$id.csr" 2>/dev/null \
      || die "cannot make a request from '$key' (expected a PKCS#8 P-256 private key PEM)"
    sign "$dir" "$dir/devices/$id.csr" "$dir/devices/$id.crt" \
      "$(printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature')"
  fi
  echo "$id"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  init)      [ $# -eq 1 ] || die "usage: pki.sh init DIR"; ca "$1"; broker "$1"; client "$1" ingest ;;
  device)    [ $# -eq 2 ] || die "usage: pki.sh device DIR KEY_PEM"; device "$1" "$2" ;;
  client)    [ $# -eq 2 ] || die "usage: pki.sh client DIR NAME"; [ -f "$1/ca.key" ] || die "no CA in '$1'"; client "$1" "$2" ;;
  device-id) [ $# -eq 1 ] || die "usage: pki.sh device-id KEY_PEM"; device_id "$1" ;;
  *) die "usage: pki.sh init DIR | device DIR KEY_PEM | client DIR NAME | device-id KEY_PEM" ;;
esac
