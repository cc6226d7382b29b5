#!/usr/bin/env bash
# Soak: `openai-doctor monitor` for 10,000 runs at a 10 ms interval against the mock on loopback,
# sampling the monitor's resident memory (VmRSS) and its own runs counter from /metrics.
#
#   bash Benchmarks/monitor/soak.sh [RUNS] [INTERVAL]     # defaults: 10000 10ms
#
# Uses .build/release/openai-doctor when present (swift build -c release --product openai-doctor),
# else .build/debug/openai-doctor. Every 1,000 runs the mock switches between ok and
# region.unsupported, so transitions, log lines and the cause counters are exercised too.
# Bounded: the whole soak is killed after 45 minutes; everything it starts is stopped on exit.
# Output: samples.csv (runs,rss_kb) in a temp dir, and a summary (start/middle/end RSS).
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-10000}
interval=${2:-10ms}
bin=.build/release/openai-doctor
[ -x "$bin" ] || bin=.build/debug/openai-doctor
[ -x "$bin" ] || { echo "build openai-doctor first" >&2; exit 1; }
work=$(mktemp -d)
cp "$bin" "$work/openai-doctor"   # a private copy: a concurrent build cannot replace it mid-soak
bin="$work/openai-doctor"

# A key of the right shape, random each time (never a real one).
OPENAI_API_KEY="sk-proj-$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | cut -c1-156)"
export OPENAI_API_KEY

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

"$bin" mock --port 0 --accept-key-env OPENAI_API_KEY --journal-capacity 1 >"$work/mock.out" 2>"$work/mock.err" &
pids+=($!)
for _ in $(seq 100); do grep -q listening "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
mock=$(sed -n 's/^listening on //p' "$work/mock.out")

OPENAI_DOCTOR_LOG_LEVEL=notice "$bin" monitor --no-dotenv --base-url "$mock/v1" --status-url "$mock" \
    --interval "$interval" --max-runs "$runs" --timeout 5 --metrics-listen 127.0.0.1:0 \
    >"$work/monitor.out" 2>"$work/monitor.err" &
monitor=$!
pids+=($monitor)
for _ in $(seq 100); do grep -q metrics "$work/monitor.out" 2>/dev/null && break; sleep 0.1; done
metrics=$(sed -n 's/^metrics on //p' "$work/monitor.out")

echo "runs,rss_kb,seconds" >"$work/samples.csv"
start=$(date +%s)
scenario=ok
next_switch=1000
while kill -0 "$monitor" 2>/dev/null; do
    now=$(date +%s)
    if [ $((now - start)) -gt 2700 ]; then echo "soak exceeded 45 minutes, stopping" >&2; break; fi
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$monitor/status" 2>/dev/null || true)
    done_runs=$(curl -s --max-time 2 "$metrics" | awk '/^openai_doctor_runs_total / {print $2}' || true)
    if [ -n "$rss" ] && [ -n "$done_runs" ]; then
        echo "$done_runs,$rss,$((now - start))" >>"$work/samples.csv"
        if [ "$done_runs" -ge "$next_switch" ]; then
            scenario=$([ "$scenario" = ok ] && echo region.unsupported || echo ok)
            curl -s -X POST "$mock/__mock/scenario" -d "{\"scenario\":\"$scenario\"}" >/dev/null
            next_switch=$((next_switch + 1000))
        fi
    fi
    sleep 0.5
done
wait "$monitor" && status=0 || status=$?
elapsed=$(( $(date +%s) - start ))

pick() { awk -F, -v at="$1" 'NR > 1 && $1 >= at {print $1 " runs: " $2 " KiB"; exit}' "$work/samples.csv"; }
echo "binary:        $bin (copied from $(readlink -f .build/release/openai-doctor 2>/dev/null || echo debug))"
echo "runs:          $runs at --interval $interval, $elapsed s, monitor exit status $status"
echo "start (~1%):   $(pick $((runs / 100)))"
echo "middle (50%):  $(pick $((runs / 2)))"
echo "end:           $(tail -1 "$work/samples.csv" | awk -F, '{print $1 " runs: " $2 " KiB"}')"
echo "max:           $(awk -F, 'NR > 1 && $2 > m {m = $2} END {print m " KiB"}' "$work/samples.csv")"
echo "change lines:  $(grep -c 'api.models:' "$work/monitor.err" || true) for api.models at notice level and up ($(( (runs - 1) / 1000 )) scenario switches)"
echo "samples:       $work/samples.csv"
echo "every 10%:"
awk -F, -v step=$((runs / 10)) 'NR > 1 && $1 >= n {printf "  %6d runs  %6d KiB  %4d s\n", $1, $2, $3; n += step} BEGIN {n = 0}' "$work/samples.csv"
