#!/usr/bin/env bash
# Benchmark (issue 22): `check --runtime all` against a healthy mock, side by side with `check`
# alone, and each runtime's bare start-up, with hyperfine.
#
#   Benchmarks/check/runtimes.sh [DOCTOR] [RUNS]
#
# DOCTOR defaults to the debug build (.build/debug/openai-doctor); pass the release binary
# ("$(swift build -c release --show-bin-path)/openai-doctor") to measure that instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
doctor=${1:-.build/debug/openai-doctor}
runs=${2:-10}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$doctor" mock --port 0 >"$work/mock.out" 2>/dev/null &
mock_pid=$!
for _ in $(seq 100); do grep -q listening "$work/mock.out" 2>/dev/null && break; sleep 0.05; done
base=$(sed -n 's/^listening on //p' "$work/mock.out" | head -1)
[ -n "$base" ] || { echo "the mock did not start" >&2; exit 1; }

# A key of the project shape, made up now (never a real one), in the environment only.
OPENAI_API_KEY="sk-proj-$(head -c 240 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 156)"
export OPENAI_API_KEY
check=("$doctor" check --base-url "$base/v1" --status-url "$base" --model gpt-4o-mini --no-dotenv --format json)

# Each runtime's start-up without the request, the floor under its share of the run: Python
# importing the SDK (what the probe must do first), an empty Node module, an empty single-file
# Java program with the probe's JVM flags, curl printing its version.
printf '\n' >"$work/empty.mjs"
printf 'public class Empty { public static void main(String[] a) {} }\n' >"$work/Empty.java"

hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/table.md" \
    -n 'check' "${check[*]} >$work/out.json" \
    -n 'check --runtime all' "${check[*]} --runtime all >$work/out.json" \
    -n 'check --runtime python' "${check[*]} --runtime python >$work/out.json" \
    -n 'check --runtime java' "${check[*]} --runtime java >$work/out.json" \
    -n 'python3 -c "import openai"' "python3 -c 'import openai'" \
    -n 'node start-up' "node $work/empty.mjs" \
    -n 'java Empty.java start-up' "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $work/Empty.java" \
    -n 'curl start-up' "curl --version >$work/out.txt"
cat "$work/table.md"
