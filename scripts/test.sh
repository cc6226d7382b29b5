#!/usr/bin/env bash
# The whole test suite, as the README and CI run it.
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
    break
done
[ "$status" -eq 0 ] || exit "$status"

# What users install: the release tarball in a bare root (one static release build, about ten
# minutes cold) and the pre-commit hook through the real pre-commit (two release builds of its
# own). Only for the whole suite: with arguments (a --filter) the script stops above.
# OPENAI_DOCTOR_SHIP_TESTS=0 skips them outside CI.
if [ "$#" -eq 0 ]; then
    if [ "${OPENAI_DOCTOR_SHIP_TESTS:-1}" = "0" ] && [ "${CI:-}" != "true" ]; then
        echo "=== SKIPPED: the package and pre-commit tests (OPENAI_DOCTOR_SHIP_TESTS=0) ==="
        exit 0
    fi
    ship=0
    ./scripts/test-package.sh || ship=1
    ./scripts/test-pre-commit.sh || ship=1
    exit "$ship"
fi
exit 0
