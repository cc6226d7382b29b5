#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: swift test, then the MCP client test, then
# what users install (the release tarball in a bare root, the pre-commit hook).
#
# Serial (--no-parallel): the suite judges real clocks (retry backoff, latency, deadlines), and
# on two cores parallel suites starve each other's timers.
#
# The suite runs once. A test runner that dies by a signal fails the run like a failed test:
# a crash may be the product's own (NIO, the C scanning kernel), so it is never retried.
set -uo pipefail
cd "$(dirname "$0")/.."

# House style first (.swift-format: 4 spaces, 120 columns), on a whole run: swift-format ships
# with the toolchain, and a file it would change fails the run. `swift format format --in-place
# --recursive Sources Tests Examples Benchmarks Package.swift` fixes what it reports.
if [ "$#" -eq 0 ]; then
    echo "=== swift format lint --strict ==="
    swift format lint --strict --parallel --recursive Sources Tests Examples Benchmarks Package.swift || exit 1
fi

swift build --build-tests || exit 1

swift test --skip-build --no-parallel "$@" || exit $?

# With arguments (a --filter) the run is about the Swift tests it names: stop here.
[ "$#" -eq 0 ] || exit 0
status=0

# `openai-doctor mcp` driven over stdio by a real MCP client, the official Python SDK (PyPI `mcp`;
# .ci/run installs it). Without the package it skips loudly, and fails under CI=true.
echo
echo "=== MCP client test (Tests/mcp/test_mcp_client.py) ==="
if ! command -v python3 >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then echo "FAIL: python3 is missing"; status=1; else echo "SKIPPED: python3 is missing"; fi
else
    python3 Tests/mcp/test_mcp_client.py "$(swift build --show-bin-path)/openai-doctor" || status=1
fi

# What users install: the release tarball in a bare root (one static release build, about ten
# minutes cold), the wheel and the npm package built from the same binaries, and the pre-commit
# hook through the real pre-commit, on that tarball's binary.
# OPENAI_DOCTOR_SHIP_TESTS=0 skips them outside CI.
if [ "${OPENAI_DOCTOR_SHIP_TESTS:-1}" = "0" ] && [ "${CI:-}" != "true" ]; then
    echo "=== SKIPPED: the package, wheel, npm and pre-commit tests (OPENAI_DOCTOR_SHIP_TESTS=0) ==="
else
    ./scripts/test-package.sh || status=1
    # The wheel and the npm package package.sh built beside the tarball (no second build).
    ./scripts/test-wheel.sh || status=1
    ./scripts/test-npm.sh || status=1
    ./scripts/test-pre-commit.sh || status=1
fi
exit "$status"
