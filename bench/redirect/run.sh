#!/usr/bin/env bash
# Redirect benchmark: Flightdeck's `GET /r/{code}` (each click committed to SQLite
# before its 302 leaves) against nginx answering `return 302` with a Location of the
# same length, on loopback, in the same run, with wrk at 64 connections.
#
#   bash bench/redirect/run.sh            # DURATION=20s CONNS=64 THREADS=2 ROUNDS=2
#
# Installs wrk and nginx from apt when they are missing, builds the release binary
# (CARGO_TARGET_DIR is honoured), builds a small demo workspace in a temporary
# directory and prints a Markdown summary: throughput of each, the ratio, p99.
set -euo pipefail

DURATION=${DURATION:-20s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
FD_PORT=${FD_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
UA='Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'

root=$(cd "$(dirname "$0")/../.." && pwd)
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${FLIGHTDECK_BIN:-}" ]; then
  (cd "$root" && cargo build --release -p flightdeck --quiet)
  FLIGHTDECK_BIN="${CARGO_TARGET_DIR:-$root/target}/release/flightdeck"
fi
FD=$(realpath "$FLIGHTDECK_BIN")

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
"$FD" demo --creators 60 >/dev/null 2>&1
code=$("$FD" links list --format csv | sed -n 2p | cut -d, -f2)
destination=$("$FD" links list --format csv | sed -n 2p | awk -F, '{print $NF}')
link_id=$("$FD" links list --format csv | sed -n 2p | cut -d, -f1)

RUST_LOG=warn "$FD" serve --addr "127.0.0.1:$FD_PORT" 2>"$work/serve.log" &
pids+=($!)

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { return 302 "$destination&fd_cid=ck_abcdefghijkmnpqr"; }
  }
}
CONF
"$NGINX" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)

for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$FD_PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

run() { wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "User-Agent: $UA" "$1"; }
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
total() { awk '/requests in/ {print $1}' "$1"; }
stored() { "$FD" clicks list --link "$link_id" --format csv | tail -n +2 | wc -l; }

# Warm-up (connections, caches, page cache of the database).
wrk -t1 -c8 -d2s -H "User-Agent: $UA" "http://127.0.0.1:$NGINX_PORT/r/$code" >/dev/null
wrk -t1 -c8 -d2s -H "User-Agent: $UA" "http://127.0.0.1:$FD_PORT/r/$code" >/dev/null

echo "| round | nginx req/s | nginx p99 | Flightdeck req/s | Flightdeck p99 | ratio | 302s received | clicks stored |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
  run "http://127.0.0.1:$NGINX_PORT/r/$code" >"$work/nginx.txt"
  before=$(stored)
  run "http://127.0.0.1:$FD_PORT/r/$code" >"$work/fd.txt"
  sleep 0.5
  after=$(stored)
  non2xx=$(awk '/Non-2xx or 3xx/ {print $NF}' "$work/fd.txt")
  [ -n "$non2xx" ] && echo "warning: $non2xx answers were not 302" >&2
  n=$(rps "$work/nginx.txt"); f=$(rps "$work/fd.txt")
  ratio=$(awk -v f="$f" -v n="$n" 'BEGIN { printf "%.2f", f / n }')
  echo "| $round | $n | $(p99 "$work/nginx.txt") | $f | $(p99 "$work/fd.txt") | $ratio | $(total "$work/fd.txt") | $((after - before)) |"
done
echo
echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
