#!/usr/bin/env bash
# The npm package as a JavaScript user installs it: `npm install -g` of the packed tarball into
# a temporary prefix, offline, then its bin (--version, explain, `openai-doctor mcp` answering
# initialize, also through `npx --package=TGZ`) and diagnose() on a real fetch failure and on
# APIError-shaped objects (Tests/packages/test_npm.js).
#
#   scripts/test-npm.sh [TGZ]      # default: dist/openai-doctor-VERSION.tgz, else scripts/package.sh
#
# Outside CI a missing npm skips loudly, under CI=true it fails. Last line: "npm: N passed, N failed".
set -uo pipefail
label=npm what="npm package test"
# shellcheck source=scripts/lib/package-test-setup.sh
source "$(dirname "$0")/lib/package-test-setup.sh"
for tool in node npm; do command -v "$tool" >/dev/null || skip "$tool is not installed"; done

tgz=${1:-dist/openai-doctor-$version.tgz}
[ -f "$tgz" ] || package
echo "=== npm package test of $tgz (node $(node --version), npm $(npm --version))"
prefix="$work/prefix"
if npm install -g --offline --no-audit --no-fund --cache "$work/cache" --prefix "$prefix" "$(realpath "$tgz")" \
    >"$work/install.txt" 2>&1; then
    pass "npm install -g --offline of the tarball into a temporary prefix"
else
    fail "npm install -g: $(cat "$work/install.txt")"
    finish
fi
bin="$prefix/bin"

out=$("$bin/openai-doctor" --version 2>&1)
if [ "$out" = "$version" ]; then pass "openai-doctor --version prints $version"; else fail "openai-doctor --version printed '$out'"; fi

out=$(echo 'error code: 1020' | "$bin/openai-doctor" explain --status 403 --header 'server: cloudflare' --format json 2>&1)
if grep -q '"cause" : "edge.blocked"' <<<"$out"; then
    pass "openai-doctor explain --format json gives edge.blocked"
else
    fail "openai-doctor explain: $out"
fi

# The bin passes the exit status on: a usage error is 64.
"$bin/openai-doctor" explain --status 99 </dev/null >/dev/null 2>&1
status=$?
if [ "$status" -eq 64 ]; then pass "the bin exits as the binary does (64 for a usage error)"; else fail "the bin exited $status for a usage error"; fi

out=$(printf '%s\n' "$mcp_requests" | timeout 30 "$bin/openai-doctor" mcp 2>"$work/mcp.err")
if mcp_answers "$out"; then
    pass "openai-doctor mcp answers initialize and lists its tools"
else
    fail "openai-doctor mcp: $(head -c 800 <<<"$out") $(head -c 800 "$work/mcp.err")"
fi

# What an agent's MCP configuration runs: `npx openai-doctor mcp`, here from the tarball, offline.
out=$(printf '%s\n' "$mcp_requests" | timeout 120 npx --offline --yes --cache "$work/cache" --package="$(realpath "$tgz")" \
    -- openai-doctor mcp 2>"$work/npx.err")
if mcp_answers "$out"; then
    pass "npx --package=TGZ openai-doctor mcp answers initialize and lists its tools"
else
    fail "npx openai-doctor mcp: $(head -c 800 <<<"$out") $(head -c 800 "$work/npx.err")"
fi

if node Tests/packages/test_npm.js "$prefix/lib/node_modules/openai-doctor"; then
    pass "diagnose() and diagnoseSync() (Tests/packages/test_npm.js)"
else
    fail "diagnose() and diagnoseSync() (Tests/packages/test_npm.js)"
fi

finish
