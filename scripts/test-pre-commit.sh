#!/usr/bin/env bash
# The pre-commit hook with the real pre-commit: `pre-commit try-repo` of this repository's
# committed HEAD (plus tracked changes, as try-repo takes them) on a throwaway git repository
# holding a key made at run time and a clean file.
#
#   scripts/test-pre-commit.sh
#
# It tries the hook that runs the release tarball's binary (the tarball scripts/test-package.sh
# built, or one built here). Outside CI a
# missing pre-commit skips loudly; under CI=true it fails. Last line: "pre-commit: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "  ok   $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL $1"; }
if ! command -v pre-commit >/dev/null; then
    echo "=== SKIPPED: the pre-commit hook test: pre-commit is not installed (pip install pre-commit) ==="
    if [ "${CI:-}" = "true" ]; then echo "pre-commit: 0 passed, 1 failed"; exit 1; fi
    exit 0
fi
# The hook under test: openai-doctor-audit-system, on the release tarball's binary (what a user
# without Swift installs). The swift-language hook, openai-doctor-audit, runs the same entry after
# pre-commit's own cold release build of the package (38 minutes measured here): too long for CI,
# so it is not run here.
hook=openai-doctor-audit-system
tarball=$(ls -t dist/openai-doctor-*-linux-*.tar.gz 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
    tarball=$(scripts/package.sh | tail -n 1) || { echo "package.sh failed"; echo "pre-commit: 0 passed, 1 failed"; exit 1; }
fi
echo "=== pre-commit $(pre-commit --version | awk '{print $2}') try-repo $repo $hook, binary from $tarball"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/install"
tar -C "$work/install" -xzf "$tarball"
bin=$(dirname "$(ls "$work"/install/*/bin/openai-doctor)")
project="$work/project"
mkdir -p "$project"
git -C "$project" init -q
# A project key of the real shape (164 characters), random, never committed anywhere.
key="sk-proj-$(head -c 600 /dev/urandom | tr -dc 'A-Za-z0-9_-' | head -c 156)"
printf 'import os\n\nclient = OpenAI(api_key="%s")\n' "$key" >"$project/leaked.py"
printf 'import os\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n' >"$project/clean.py"
git -C "$project" add leaked.py clean.py

run() {  # run LABEL FILE: try-repo on one file, output in $work/LABEL.out, status and seconds echoed
    local start end
    start=$(date +%s)
    (cd "$project" && PATH="$bin:$PATH" OPENAI_API_KEY="$key" pre-commit try-repo "$repo" "$hook" --files "$2") \
        >"$work/$1.out" 2>&1
    local status=$?
    end=$(date +%s)
    echo "$status $((end - start))"
}

read -r status seconds < <(run leaked leaked.py)
echo "  try-repo on leaked.py: exit $status in ${seconds}s"
out=$(cat "$work/leaked.out")
if [ "$status" -eq 1 ] && grep -q "openai-doctor audit (leaked credentials)" <<<"$out" && grep -q "Failed" <<<"$out"; then
    pass "the hook fails on the file holding a key"
else
    fail "the hook did not fail on leaked.py (exit $status): $(tail -n 30 <<<"$out")"
fi
if grep -q "leaked.py:3:" <<<"$out" && grep -qF "sk-proj-…${key: -4}" <<<"$out"; then
    pass "its output names leaked.py:3 and the fingerprint sk-proj-…${key: -4}"
else
    fail "its output lacks file:line or the fingerprint: $(tail -n 30 <<<"$out")"
fi
if grep -qF "$key" <<<"$out" || grep -qF "${key:8:40}" <<<"$out"; then
    fail "the key (or a part of it) appears in pre-commit's output"
else
    pass "the key appears nowhere in the output"
fi

read -r status seconds < <(run clean clean.py)
echo "  try-repo on clean.py: exit $status in ${seconds}s"
out=$(cat "$work/clean.out")
if [ "$status" -eq 0 ] && grep -q "openai-doctor audit (leaked credentials).*Passed" <<<"$out"; then
    pass "the hook passes on the clean file"
else
    fail "the hook did not pass on clean.py (exit $status): $(tail -n 30 <<<"$out")"
fi

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
