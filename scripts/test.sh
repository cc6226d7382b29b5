#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: swift test, then the MCP client test.
#
# Serial (--no-parallel): the suite judges real clocks (retry backoff, latency, deadlines), and
# on two cores parallel suites starve each other's timers.
#
# A run whose test runner *crashes* (dies by a signal, as opposed to a test failing) is run
# once more, and says so loudly. The Swift 6.3.1 runtime on Linux has crashed intermittently
# here while Foundation's Process spawned children beside NIO event loops (a null metadata
# pointer inside swift_getTypeByMangledName); a failed expectation is never retried.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
attempt=1
while :; do
    swift test --skip-build --no-parallel "$@" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ] && [ "$attempt" -eq 1 ] && grep -q "exited with unexpected signal code" "$log"; then
        echo
        echo "=== the test runner crashed (not a test failure); running the suite once more ==="
        echo
        attempt=2
        continue
    fi
    [ "$status" -eq 0 ] || exit "$status"
    break
done

# `openai-doctor mcp` driven over stdio by a real MCP client, the official Python SDK (PyPI `mcp`;
# .ci/run installs it). Without the package it skips loudly, and fails under CI=true. Only on a
# whole run: a filtered run (extra arguments) is about the Swift tests it names.
if [ "$#" -eq 0 ]; then
    echo
    echo "=== MCP client test (Tests/mcp/test_mcp_client.py) ==="
    if ! command -v python3 >/dev/null 2>&1; then
        [ "${CI:-}" = "true" ] && { echo "FAIL: python3 is missing"; exit 1; }
        echo "SKIPPED: python3 is missing; the MCP client test did not run"
        exit 0
    fi
    python3 Tests/mcp/test_mcp_client.py "$(swift build --show-bin-path)/openai-doctor" || exit 1
fi
exit 0
