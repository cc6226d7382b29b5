#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: swift test, then the MCP client test.
#
# Serial (--no-parallel): the suite judges real clocks (retry backoff, latency, deadlines), and
# on two cores parallel suites starve each other's timers.
#
# The suite runs once. A test runner that dies by a signal fails the run like a failed test:
# a crash may be the product's own (NIO, the C scanning kernel), so it is never retried.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests || exit 1

swift test --skip-build --no-parallel "$@" || exit $?

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
