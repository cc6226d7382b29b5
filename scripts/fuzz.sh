#!/usr/bin/env bash
# Builds the fuzz harness (Fuzz/) with libFuzzer and AddressSanitizer, makes the seed corpora from
# the test fixtures, and runs each target (or the named ones) for a bounded time.
#
#   scripts/fuzz.sh                      # every target, 20 s each
#   scripts/fuzz.sh -t 1800 explain dotenv   # the named targets, 30 minutes each
#   scripts/fuzz.sh --build-only         # compile only (prints the binary's path)
#   scripts/fuzz.sh --list               # the target names
#   FUZZ_JOBS=2 scripts/fuzz.sh -t 600   # two targets at a time
#
# One executable holds every target; DOCTOR_FUZZ_TARGET names the one a run exercises. The
# build (in .build-fuzz/, git-ignored) compiles the dependency-free sources with swiftc
# directly: DoctorCore whole, DoctorScan with its C kernel (clang), and from the NIO-based
# modules only the files holding pure parsers (their list is below). A module is rebuilt only
# when one of its files changed.
#
# Exit status: 0 when every run ended without a finding, 1 on any finding (the crashing input
# is saved under .build-fuzz/findings/TARGET/ and its path printed), 64 on a usage error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/.build-fuzz"
seconds=20
build_only=0
list_only=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    -t | --time)
        seconds="$2"
        shift 2
        ;;
    --build-only)
        build_only=1
        shift
        ;;
    --list)
        list_only=1
        shift
        ;;
    -h | --help)
        sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "fuzz.sh: unknown option $1" >&2
        exit 64
        ;;
    *)
        targets+=("$1")
        shift
        ;;
    esac
done

# What each partial module takes from the NIO-based modules: files with no NIO type in them.
probes_files=(
    Sources/DoctorProbes/Config/DotEnv.swift
    Sources/DoctorProbes/Config/EndpointURL.swift
    Sources/DoctorProbes/Config/ProxySelection.swift
    Sources/DoctorProbes/Check/CheckToolOption.swift
    Sources/DoctorProbes/Network/InterceptionMarkers.swift
    Sources/DoctorProbes/Report/*.swift
    Sources/DoctorProbes/Rendering/*.swift
    Sources/DoctorProbes/Check/CheckID.swift
    Sources/DoctorProbes/Verify/VerifyReport.swift
    Sources/DoctorProbes/Verify/VerifyReportRenderer.swift
    Sources/DoctorProbes/Baseline/BaselineSnapshot.swift
    Sources/DoctorProbes/Baseline/BaselineComparison.swift
    Sources/DoctorProbes/Baseline/BaselineRenderer.swift
    Sources/DoctorProbes/Runtimes/RuntimeObservation.swift
    Sources/DoctorProbes/Runtimes/MachineLoad.swift
)

# From DoctorMock: the request as the mock reads it, the admin API's body, scenario plans,
# latency and fault rules.
mock_files=(
    Sources/DoctorMock/Faults/Latency.swift
    Sources/DoctorMock/Faults/SeededRandom.swift
    Sources/DoctorMock/Server/JSONBody.swift
    Sources/DoctorMock/Server/MockRequest.swift
    Sources/DoctorMock/Scenarios/*.swift
)

# From DoctorMCP: the tools' arguments read from plain values (the MCP SDK stays out).
mcp_files=(
    Sources/DoctorMCP/Arguments/*.swift
)

swift_flags=(
    -sanitize=fuzzer,address -parse-as-library -O -g -wmo -package-name openai_doctor
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-testing -I "$out/modules"
)

# Whether $1 is missing or older than any of the other files.
stale() {
    local target="$1"
    shift
    [ -e "$target" ] || return 0
    local f
    for f in "$@"; do
        [ "$f" -nt "$target" ] && return 0
    done
    return 1
}

# Compiles one Swift module into .build-fuzz/objects/NAME.o and its interface into modules/;
# again when one of its files, the flags or a module it imports (`$deps`) changed.
deps=()
swift_module() {
    local name="$1"
    shift
    if stale "$out/objects/$name.o" "$@" "$out/flags" "${deps[@]}"; then
        echo "fuzz.sh: compiling $name ($# files)" >&2
        swiftc "${swift_flags[@]}" -module-name "$name" -emit-module \
            -emit-module-path "$out/modules/$name.swiftmodule" -c "$@" -o "$out/objects/$name.o"
    fi
}

build() {
    mkdir -p "$out/modules" "$out/objects" "$out/kernel"
    local started=$SECONDS
    # The flags and file lists, kept in a file that changes (and so rebuilds every module) only
    # when they do.
    printf '%s\n' "${swift_flags[@]}" "${probes_files[@]}" "${mock_files[@]}" "${mcp_files[@]}" >"$out/flags.new"
    if cmp -s "$out/flags.new" "$out/flags"; then rm "$out/flags.new"; else mv "$out/flags.new" "$out/flags"; fi
    mapfile -t core_files < <(find Sources/DoctorCore -name '*.swift' | sort)
    swift_module DoctorCore "${core_files[@]}"
    # The C kernel, instrumented for coverage but linked into the one fuzzer executable.
    cat >"$out/kernel/module.modulemap" <<MAP
module DoctorScanKernel {
    header "$root/Sources/DoctorScanKernel/include/DoctorScanKernel.h"
    export *
}
MAP
    if stale "$out/objects/DoctorScanKernel.o" Sources/DoctorScanKernel/ScanKernel.c \
        Sources/DoctorScanKernel/include/DoctorScanKernel.h; then
        echo "fuzz.sh: compiling DoctorScanKernel (clang)" >&2
        clang -fsanitize=fuzzer-no-link,address -O2 -g -I Sources/DoctorScanKernel/include \
            -c Sources/DoctorScanKernel/ScanKernel.c -o "$out/objects/DoctorScanKernel.o"
    fi
    deps=("$out/objects/DoctorCore.o")  # every other module imports the core
    mapfile -t scan_files < <(find Sources/DoctorScan -name '*.swift' | sort)
    swift_flags+=(-Xcc "-fmodule-map-file=$out/kernel/module.modulemap")
    # The two modules over the core do not import each other: compiled side by side.
    swift_module DoctorScan "${scan_files[@]}" &
    local scan_job=$!
    swift_module DoctorProbes "${probes_files[@]}" || {
        wait "$scan_job"
        return 1
    }
    wait "$scan_job"
    # The mock's files and the MCP tools' arguments do not import each other: side by side too.
    swift_module DoctorMock "${mock_files[@]}" &
    local mock_job=$!
    deps+=("$out/objects/DoctorProbes.o")  # the check tool's arguments are the probes' options
    swift_module DoctorMCP "${mcp_files[@]}" || {
        wait "$mock_job"
        return 1
    }
    wait "$mock_job"
    # The harness, and the test suite's key generator it plants keys with (one generator).
    mapfile -t harness_files < <(find Fuzz/Harness -name '*.swift' | sort)
    harness_files+=(Tests/DoctorTestSupport/KeyGenerator.swift)
    local objects=("$out"/objects/DoctorCore.o "$out"/objects/DoctorScanKernel.o "$out"/objects/DoctorScan.o
        "$out"/objects/DoctorProbes.o "$out"/objects/DoctorMock.o "$out"/objects/DoctorMCP.o)
    if stale "$out/doctor-fuzz" "${harness_files[@]}" "${objects[@]}"; then
        echo "fuzz.sh: compiling and linking the harness" >&2
        # Linked from inside .build-fuzz/: the driver leaves the executable's module files in the
        # working directory.
        # gold warns once per AddressSanitizer helper it cannot export: noise, left out.
        rm -f "$out/doctor-fuzz"
        (cd "$out" && swiftc "${swift_flags[@]}" -module-name DoctorFuzz "${harness_files[@]/#/$root/}" \
            "${objects[@]}" -o "$out/doctor-fuzz" 2>&1 | grep -v 'Cannot export local symbol' >&2 || true)
        [ -x "$out/doctor-fuzz" ] || {
            echo "fuzz.sh: the harness did not link" >&2
            return 1
        }
    fi
    echo "fuzz.sh: built in $((SECONDS - started)) s: $out/doctor-fuzz" >&2
}

# FUZZ_BINARY runs an already built copy (long runs keep theirs while the harness is rebuilt).
if [ -n "${FUZZ_BINARY:-}" ]; then
    fuzzer="$FUZZ_BINARY"
else
    build
    fuzzer="$out/doctor-fuzz"
fi
export SWIFT_BACKTRACE=enable=no
if [ "$build_only" = 1 ]; then
    echo "$fuzzer"
    exit 0
fi
mapfile -t all_targets < <("$fuzzer" --list-targets)
if [ "$list_only" = 1 ]; then
    printf '%s\n' "${all_targets[@]}"
    exit 0
fi
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    printf '%s\n' "${all_targets[@]}" | grep -qx "$target" || {
        echo "fuzz.sh: no target named $target (scripts/fuzz.sh --list)" >&2
        exit 64
    }
done

# The explain fixtures a seed may come from: every pasted failure but the sealed ones (which only
# Benchmarks/explain/accuracy.py --sealed reads), and not the manifest or the README.
fixture_files() {
    python3 - <<'PY'
import json
corpus = 'Tests/DoctorCoreTests/Fixtures/explain/'
for item in json.load(open(corpus + 'manifest.json')):
    if not item.get('sealed'):
        print(corpus + item['file'])
PY
}
# Seeds: every target's own seed files (Fuzz/Seeds/TARGET) and the fixtures that fit its format.
seeds() {
    local target="$1" dir="$out/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    [ -d "Fuzz/Seeds/$target" ] && cp Fuzz/Seeds/"$target"/* "$dir"/ 2>/dev/null || true
    local fixture
    case "$target" in
    explain)
        fixture_files | while read -r fixture; do cp "$fixture" "$dir/"; done
        for fixture in Tests/DoctorEndToEndTests/Golden/check-*.json; do
            sed '/^exit [0-9]*$/d' "$fixture" >"$dir/$(basename "$fixture")"
        done
        ;;
    http-transcript | client-wrappers | page-markers | lenient-json)
        fixture_files | while read -r fixture; do cp "$fixture" "$dir/"; done
        ;;
    runtime-output)
        # What a runtime prints or answers: every eighth pasted failure (bodies, tracebacks, logs).
        local n=0
        while read -r fixture; do
            if [ $((n++ % 8)) = 0 ]; then cp "$fixture" "$dir/"; fi
        done < <(fixture_files)
        ;;
    stream-redactor | audit)
        # Every eighth fixture: these targets run each input many times over (splits, ranges),
        # and libFuzzer runs all seeds before its time limit counts.
        local n=0
        while read -r fixture; do
            if [ $((n++ % 8)) = 0 ]; then cp "$fixture" "$dir/"; fi
        done < <(fixture_files)
        ;;
    mock-admin)
        printf '%s\n' '{"scenario":"rate_limit.exceeded*2,ok"}' >"$dir/scenario.json"
        printf '%s\n' '{"latency":["fixed:250","uniform:10-90@/v1/models","lognormal:400:0.8"]}' >"$dir/latency.json"
        printf '%s\n' '{"faults":["reset:0.5@/v1/chat","sse-stall"],"seed":42}' >"$dir/faults.json"
        ;;
    saved-report | baseline)
        # The golden outputs end with the exit status the test recorded; the seed is the JSON alone.
        for fixture in Tests/DoctorEndToEndTests/Golden/*.json; do
            sed '/^exit [0-9]*$/d' "$fixture" >"$dir/$(basename "$fixture")"
        done
        ;;
    har)
        for fixture in $(fixture_files | grep '\.har$') Tests/*/Fixtures/*.har; do
            [ -e "$fixture" ] && cp "$fixture" "$dir/"
        done
        ;;
    esac
}

run_one() {
    local target="$1" log="$logs/$1.log"
    local corpus="$out/corpus/$target" findings="$out/findings/$target"
    mkdir -p "$corpus" "$findings" "$logs"
    seeds "$target"
    local status=0
    DOCTOR_FUZZ_TARGET="$target" "$fuzzer" "$corpus" "$out/seeds/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
    local stats
    stats="$(grep -E '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 | sed -E 's/^#([0-9]+)\s+\w+\s+/\1 runs, /')"
    if [ $status -ne 0 ]; then
        echo "FINDING in $target (exit $status): $(grep -E 'Test unit written to|FUZZ FAILURE' "$log" | head -3 | tr '\n' ' ')"
        echo "  log: $log"
        return 1
    fi
    echo "ok $target: ${seconds}s, $stats"
}

export -f run_one seeds fixture_files
logs="${FUZZ_LOG_DIR:-$out/logs}"
export out seconds fuzzer logs
failed=0
jobs="${FUZZ_JOBS:-1}"
if [ "$jobs" -gt 1 ]; then
    printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}' || failed=1
else
    for target in "${targets[@]}"; do
        run_one "$target" || failed=1
    done
fi
exit $failed
