#!/usr/bin/env bash
# Benchmark of `openai-doctor mock`: GET /v1/models with the journal on, against nginx serving
# the same JSON as a static file, in the same run, on loopback.
#
#   Benchmarks/mock/run.sh            # builds release if needed, then measures
#   SKIP_BUILD=1 Benchmarks/mock/run.sh
#   SKIP_BUILD=1 BINARY=/path/to/release/openai-doctor Benchmarks/mock/run.sh
#
# Goal (issue 3): >= 35,000 requests/s, p99 < 10 ms, RSS < 100 MB, with wrk -t2 -c64 -d10s.
# Output: a summary on stdout and the raw wrk reports in Benchmarks/out/mock/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Benchmarks/out/mock
mkdir -p "$out/www/v1"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --product openai-doctor >&2
fi
binary=${BINARY:-.build/release/openai-doctor}

# A key of a real shape, random at run time; the mock accepts any bearer key by default.
key="sk-proj-$(head -c 300 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 156)"

"$binary" mock --port 0 --threads 2 >"$out/mock.stdout" 2>"$out/mock.stderr" &
mock_pid=$!
nginx_pid=""
cleanup() {
    kill "$mock_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
    [ -s "$out/mock.stdout" ] && break
    sleep 0.1
done
mock_url=$(head -1 "$out/mock.stdout" | sed 's/^listening on //')
echo "mock: $mock_url (pid $mock_pid)"

# The same JSON, byte for byte, as a static file for nginx.
curl -sS -H "Authorization: Bearer $key" "$mock_url/v1/models" >"$out/www/v1/models"
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat >"$out/nginx.conf" <<CONF
worker_processes 2;
pid $PWD/$out/nginx.pid;
error_log $PWD/$out/nginx.error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $PWD/$out/www;
        default_type application/json;
        location / { }
    }
}
CONF
nginx -c "$PWD/$out/nginx.conf" &
nginx_pid=$!
sleep 0.5
nginx_url="http://127.0.0.1:$nginx_port"
cmp -s <(curl -sS "$nginx_url/v1/models") "$out/www/v1/models" || { echo "nginx does not serve the same body" >&2; exit 1; }

run_wrk() {  # name url
    wrk -t2 -c64 -d10s --latency -H "Authorization: Bearer $key" "$2/v1/models" >"$out/wrk-$1.txt"
}
run_wrk mock "$mock_url"
mock_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$mock_pid/status")
mock_rss=$(awk '/VmRSS/ {print $2}' "/proc/$mock_pid/status")
run_wrk nginx "$nginx_url"

journal=$(curl -sS "$mock_url/__mock/journal?limit=1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["capacity"], d["entries"][-1]["sequence"] if d["entries"] else 0)')

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
errors() { grep -E 'Non-2xx|Socket errors' "$1" || echo "none"; }

mock_rps=$(rps "$out/wrk-mock.txt"); nginx_rps=$(rps "$out/wrk-nginx.txt")
echo
echo "| server | requests/s | p99 | errors |"
echo "|---|---|---|---|"
echo "| openai-doctor mock (journal on, 2 threads) | $mock_rps | $(p99 "$out/wrk-mock.txt") | $(errors "$out/wrk-mock.txt") |"
echo "| nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') static file (2 workers) | $nginx_rps | $(p99 "$out/wrk-nginx.txt") | $(errors "$out/wrk-nginx.txt") |"
echo
echo "mock / nginx: $(python3 -c "print(f'{$mock_rps / $nginx_rps:.2f}')")"
echo "mock memory: peak RSS $((mock_hwm / 1024)) MB, RSS after the run $((mock_rss / 1024)) MB"
echo "journal: capacity and last sequence number: $journal"
echo "body: $(wc -c <"$out/www/v1/models") bytes"
