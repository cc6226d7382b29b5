#!/usr/bin/env bash
# Benchmark: time to the terminal failure on insufficient_quota, DoctorClient vs openai-python.
# Builds the example and the CLI (for the mock), makes a venv with openai, and runs bench.py.
#
#   Benchmarks/retry/run.sh [RUNS]            # debug build (what the figures in README.md used)
#   CONFIG=release Benchmarks/retry/run.sh    # optimised build of the example
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
config=${CONFIG:-debug}
swift build -c "$config" --product doctor-client-example
swift build --product openai-doctor
venv=${VENV:-.build/bench-venv}
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet openai
fi
"$venv/bin/python" Benchmarks/retry/bench.py --doctor .build/debug/openai-doctor \
    --example "$(swift build -c "$config" --show-bin-path)/doctor-client-example" --runs "$runs"
