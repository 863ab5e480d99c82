#!/usr/bin/env bash
# etcd for the SensorChain ledger: an N-member cluster on 127.0.0.1 with data under DATA_DIR.
#   etcd.sh start DATA_DIR [N=3] [CLIENT_BASE=23791] [PEER_BASE=23801]   # member i: client CLIENT_BASE+i-1, peer PEER_BASE+i-1
#   etcd.sh stop DATA_DIR                                                # stops every member started there
#   etcd.sh kill DATA_DIR I                                              # kill -9 member I (fault tests)
# Prints the client endpoints (comma-separated) on success.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop|kill DATA_DIR [N] [CLIENT_BASE] [PEER_BASE]" >&2; exit 2; }

ensure_installed() {
  if ! command -v etcd >/dev/null; then
    apt-get install -y -q etcd-server etcd-client >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q etcd-server etcd-client >/dev/null; }
  fi
}

case "$cmd" in
  start)
    n=${3:-3}; cbase=${4:-23791}; pbase=${5:-23801}
    ensure_installed
    mkdir -p "$dir"
    cluster=""
    for i in $(seq 1 "$n"); do cluster+="${cluster:+,}e$i=http://127.0.0.1:$((pbase + i - 1))"; done
    token="sc-$(basename "$dir")-$$"
    endpoints=""
    for i in $(seq 1 "$n"); do
      c=$((cbase + i - 1)); p=$((pbase + i - 1))
      mkdir -p "$dir/etcd$i"
      nohup etcd --name "e$i" --data-dir "$dir/etcd$i" \
        --listen-client-urls "http://127.0.0.1:$c" --advertise-client-urls "http://127.0.0.1:$c" \
        --listen-peer-urls "http://127.0.0.1:$p" --initial-advertise-peer-urls "http://127.0.0.1:$p" \
        --initial-cluster "$cluster" --initial-cluster-token "$token" --initial-cluster-state new \
        --heartbeat-interval 50 --election-timeout 500 \
        --log-level warn --logger zap > "$dir/etcd$i.log" 2>&1 &
      echo $! > "$dir/etcd$i.pid"
      endpoints+="${endpoints:+,}http://127.0.0.1:$c"
    done
    echo "$endpoints" > "$dir/endpoints"
    for _ in $(seq 1 100); do
      ok=0
      for i in $(seq 1 "$n"); do curl -sf "http://127.0.0.1:$((cbase + i - 1))/health" | grep -q '"health":"true"' && ok=$((ok + 1)); done
      if [[ $ok -eq $n ]]; then echo "$endpoints"; exit 0; fi
      sleep 0.2
    done
    echo "etcd did not become healthy; see $dir/etcd*.log" >&2; exit 1 ;;
  stop)
    for f in "$dir"/etcd*.pid; do [[ -f "$f" ]] || continue; kill "$(cat "$f")" 2>/dev/null || true; done
    for f in "$dir"/etcd*.pid; do
      [[ -f "$f" ]] || continue; pid=$(cat "$f")
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true; rm -f "$f"
    done ;;
  kill)
    i=${3:?member number}; f="$dir/etcd$i.pid"
    [[ -f "$f" ]] && { kill -9 "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; } ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
