#!/usr/bin/env bash
# The release tarball on a machine with no Swift: a bare root holding only the packaged binary,
# the C libraries `ldd` lists and the dynamic loader, entered with chroot(8).
#
#   scripts/test-package.sh [TARBALL]     # default: build it with scripts/package.sh
#
# Checks the checksum file, the layout (man page, bash/zsh/fish completions), that no Swift,
# Foundation or dispatch library is needed, and in the bare root: --version, explain (text and
# JSON), redact of a key made at run time (never printed), and the mock serving while `check`
# (also in the bare root) diagnoses it over loopback. Needs root for chroot; outside CI a
# missing tool skips loudly, under CI=true it fails. Last line: "package: N passed, N failed".
set -uo pipefail
label=package what="bare-root package test"
# shellcheck source=scripts/lib/package-test-setup.sh
source "$(dirname "$0")/lib/package-test-setup.sh"

[ "$(id -u)" -eq 0 ] || skip "chroot needs root"
for tool in chroot ldd sha256sum tar; do command -v "$tool" >/dev/null || skip "$tool is not installed"; done

tarball=${1:-}
if [ -z "$tarball" ]; then
    tarball=$(scripts/package.sh | tail -n 1) || { echo "package.sh failed"; echo "package: 0 passed, 1 failed"; exit 1; }
fi
[ -f "$tarball" ] || { echo "no tarball at $tarball"; echo "package: 0 passed, 1 failed"; exit 1; }
echo "=== bare-root test of $tarball"

mock_pid=
cleanup() {
    [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null
    mountpoint -q "$work/root/proc" 2>/dev/null && umount "$work/root/proc"
    mountpoint -q "$work/root/proc" 2>/dev/null || rm -rf "$work"
}
trap cleanup EXIT

# The checksum file, as a user checks it.
if (cd "$(dirname "$tarball")" && sha256sum -c "$(basename "$tarball").sha256" >/dev/null); then
    pass "sha256sum -c accepts the .sha256 file"
else
    fail "sha256sum -c rejects the .sha256 file"
fi

tar -C "$work" -xzf "$tarball"
top=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
binary="$top/bin/openai-doctor"
for file in bin/openai-doctor bin/openai-doctor-mcp share/man/man1/openai-doctor.1 share/bash-completion/completions/openai-doctor \
    share/zsh/site-functions/_openai-doctor share/fish/vendor_completions.d/openai-doctor.fish; do
    if [ -s "$top/$file" ]; then pass "tarball holds $file"; else fail "tarball lacks $file"; fi
done

# The man page names every subcommand and renders without complaint.
manpage="$top/share/man/man1/openai-doctor.1"
missing=
for command in check explain verify baseline report redact audit mock monitor; do
    grep -q "$command" "$manpage" || missing="$missing $command"
done
if [ -z "$missing" ]; then pass "the man page describes every subcommand"; else fail "the man page lacks:$missing"; fi
if command -v groff >/dev/null; then
    warnings=$(groff -mandoc -Tutf8 -ww -z "$manpage" 2>&1)
    if [ -z "$warnings" ]; then pass "groff renders the man page without warnings"; else fail "groff: $warnings"; fi
fi

# Completions: each shell parses its file, and the file offers the subcommands.
offered=$(PATH="$top/bin:$PATH" bash -c 'source "$1" && COMP_WORDS=(openai-doctor ex) COMP_CWORD=1 COMP_LINE="openai-doctor ex" &&
    COMP_POINT=${#COMP_LINE} && _openai-doctor openai-doctor ex openai-doctor && echo "${COMPREPLY[*]}"' _ \
    "$top/share/bash-completion/completions/openai-doctor" 2>&1)
if [ "$offered" = "explain" ]; then
    pass "bash completes 'openai-doctor ex' to explain"
else
    fail "bash completion of 'openai-doctor ex' gave: $offered"
fi
for shell in zsh fish; do
    file=$([ "$shell" = zsh ] && echo "$top/share/zsh/site-functions/_openai-doctor" || echo "$top/share/fish/vendor_completions.d/openai-doctor.fish")
    if command -v "$shell" >/dev/null; then
        if "$shell" -n "$file" && grep -q "explain" "$file"; then pass "$shell parses the $shell completion"; else fail "$shell completion"; fi
    elif [ "${CI:-}" = "true" ]; then
        fail "$shell is not installed (CI installs it)"
    else
        echo "  skip $shell is not installed: its completion is not parsed"
    fi
done

# No Swift runtime outside the binary.
ldd "$binary" >"$work/ldd.txt" 2>&1
if grep -Eiq 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' "$work/ldd.txt"; then
    fail "ldd lists Swift libraries: $(tr '\n' ' ' <"$work/ldd.txt")"
else
    pass "ldd lists C libraries only: $(awk '{print $1}' "$work/ldd.txt" | xargs -n1 basename | tr '\n' ' ')"
fi

# `openai-doctor mcp` from a checkout where only the CLI was built (a SwiftPM build folder under
# a Package.swift, no openai-doctor-mcp beside it) names the command that builds the server there.
checkout="$work/my checkout"
mkdir -p "$checkout/.build/x86_64-unknown-linux-gnu/debug"
touch "$checkout/Package.swift"
cp "$binary" "$checkout/.build/x86_64-unknown-linux-gnu/debug/openai-doctor"
out=$("$checkout/.build/x86_64-unknown-linux-gnu/debug/openai-doctor" mcp </dev/null 2>&1)
status=$?
if [ "$status" -eq 70 ] && grep -qF "build it with: swift build --package-path '$checkout' --product openai-doctor-mcp" <<<"$out"; then
    pass "openai-doctor mcp in a checkout without the server names the swift build command (exit 70)"
else
    fail "openai-doctor mcp in a checkout without the server exited $status: $out"
fi
rm -rf "$checkout"

# The bare root: the binary, each library ldd resolved (at the same path) and the loader.
root="$work/root"
mkdir -p "$root/tmp"
cp "$binary" "$root/openai-doctor"
# `openai-doctor mcp` execs openai-doctor-mcp beside itself; it also needs libcurl's libraries.
cp "$top/bin/openai-doctor-mcp" "$root/openai-doctor-mcp"
ldd "$top/bin/openai-doctor-mcp" >>"$work/ldd.txt" 2>&1
for library in $(grep -o '/[^ ]*' "$work/ldd.txt" | sort -u); do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
done
echo "  bare root: $(cd "$root" && find . -type f | sort | tr '\n' ' ')"
# The kernel's /proc, as on every Linux system: the Swift runtime reads the command line from
# /proc/self/cmdline (without it the tool sees no arguments and runs `check`).
mkdir -p "$root/proc"
mount -t proc proc "$root/proc" || skip "cannot mount /proc in the bare root"
chroot=$(command -v chroot)
# chroot ROOT COMMAND… with an empty environment: nothing of this machine's leaks in.
bare() { env -i PATH=/ HOME=/tmp NO_COLOR=1 "$chroot" "$@"; }

version=$(bare "$root" /openai-doctor --version 2>&1)
expected=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/DoctorCLI/ToolInfo.swift)
if [ "$version" = "$expected" ]; then pass "chroot: --version prints $expected"; else fail "chroot: --version printed '$version'"; fi

out=$(echo "openai.PermissionDeniedError: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}" \
    | bare "$root" /openai-doctor explain 2>&1)
status=$?
if [ "$status" -eq 0 ] && grep -q "region.unsupported" <<<"$out"; then
    pass "chroot: explain names region.unsupported"
else
    fail "chroot: explain exited $status: $out"
fi

out=$(echo 'error code: 1020' | bare "$root" /openai-doctor explain --status 403 --header 'server: cloudflare' --format json 2>&1)
if grep -q '"cause" : "edge.blocked"' <<<"$out" && grep -q '"schema_version" : 1' <<<"$out"; then
    pass "chroot: explain --format json gives edge.blocked, schema 1"
else
    fail "chroot: explain --format json: $out"
fi

# A key of the real shape, made now; it must leave as its fingerprint only.
key="sk-proj-$(head -c 400 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 156)"
out=$(printf 'Authorization: Bearer %s\nx-request-id: req_0123456789abcdef\n' "$key" | bare "$root" /openai-doctor redact 2>&1)
if ! grep -qF "$key" <<<"$out" && grep -qF "sk-proj-…${key: -4}" <<<"$out" && grep -q "req_0123456789abcdef" <<<"$out"; then
    pass "chroot: redact keeps the request id and shows the key as its fingerprint only"
else
    fail "chroot: redact output holds the key or lost the request id"
fi

# Networking in the bare root: the mock serves a refusal, and check diagnoses it over loopback.
# Not through the function `bare`: in the background a function runs in a subshell, whose pid
# `kill` would end while the mock itself lived on.
env -i PATH=/ HOME=/tmp NO_COLOR=1 "$chroot" "$root" /openai-doctor mock --scenario billing.quota_exceeded \
    >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
address=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$work/mock.out" | head -n 1)
if [ -n "$address" ]; then
    out=$(env -i PATH=/ HOME=/tmp NO_COLOR=1 OPENAI_API_KEY="$key" "$chroot" "$root" /openai-doctor check \
        --base-url "$address/v1" --status-url "$address" --timeout 10 --format json 2>&1)
    status=$?
    if [ "$status" -eq 1 ] && grep -q '"cause" : "billing.quota_exceeded"' <<<"$out" && ! grep -qF "$key" <<<"$out"; then
        pass "chroot: check against the chroot's mock finds billing.quota_exceeded (exit 1), no key in the report"
    else
        fail "chroot: check exited $status: $(head -c 2000 <<<"$out")"
    fi
else
    fail "chroot: the mock did not start: $(cat "$work/mock.err")"
fi
kill "$mock_pid" 2>/dev/null
wait "$mock_pid" 2>/dev/null
mock_pid=

# The MCP server from the tarball, in the bare root: `openai-doctor mcp` answers initialize and
# lists its tools over standard input and output.
requests='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"test-package","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}'
out=$(printf '%s\n' "$requests" | timeout 30 env -i PATH=/ HOME=/tmp "$chroot" "$root" /openai-doctor mcp 2>"$work/mcp.err")
if grep -q '"serverInfo"' <<<"$out" && grep -q '"explain"' <<<"$out" && grep -q '"describe_cause"' <<<"$out"; then
    pass "chroot: openai-doctor mcp answers initialize and lists its tools"
else
    fail "chroot: openai-doctor mcp: $(head -c 800 <<<"$out") $(head -c 800 "$work/mcp.err")"
fi

finish
