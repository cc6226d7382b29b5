# The set-up the package tests (scripts/test-npm.sh, test-wheel.sh, test-package.sh) share;
# sourced, not run.
#
# Set before sourcing: `label` (the name of the summary line: npm, wheel) and `what` (the test,
# for the line a skip prints). Gives: pass, fail, finish, skip and package (scripts/package.sh,
# or a failed run); $version (the tool's); $work (a temporary folder, removed at exit unless
# the script sets a trap of its own);
# $mcp_requests (initialize, then tools/list) and mcp_answers (whether an MCP server's output
# to them answers initialize and lists the tools). Works from the repository's root.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "  ok   $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL $1"; }
finish() { echo "$label: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
# Outside CI a missing tool skips loudly, under CI=true it fails.
skip() {
    echo "=== SKIPPED: the $what: $1 ==="
    if [ "${CI:-}" = "true" ]; then echo "$label: 0 passed, 1 failed"; exit 1; fi
    exit 0
}
package() {
    scripts/package.sh >/dev/null || { echo "package.sh failed"; echo "$label: 0 passed, 1 failed"; exit 1; }
}

version=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/DoctorCLI/ToolInfo.swift)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mcp_requests='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"test-'"$label"'","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}'
mcp_answers() { grep -q '"serverInfo"' <<<"$1" && grep -q '"describe_cause"' <<<"$1"; }
