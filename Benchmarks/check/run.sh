#!/usr/bin/env bash
# Benchmark: `openai-doctor check` against the mock with 150 ms on every response, against the
# slowest single probe chain and against the same probes run one after another with curl.
#
#   Benchmarks/check/run.sh [RUNS] [LATENCY_MS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
latency=${2:-150}
swift build -c release --product openai-doctor
python3 Benchmarks/check/bench.py --doctor "$(swift build -c release --show-bin-path)/openai-doctor" \
    --runs "$runs" --latency "$latency"
