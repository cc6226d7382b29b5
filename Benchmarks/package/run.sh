#!/usr/bin/env bash
# Size and start-up time of the release tarball's binary (see README.md beside this file).
#
#   Benchmarks/package/run.sh [TARBALL]     # default: the newest dist/openai-doctor-*.tar.gz
#
# Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."

tarball=${1:-$(ls -t dist/openai-doctor-*.tar.gz 2>/dev/null | head -n 1)}
[ -f "$tarball" ] || { echo "no tarball: run scripts/package.sh first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
binary=$(find "$work" -path '*/bin/openai-doctor' | head -n 1)

echo "tarball:  $(stat -c %s "$tarball") bytes ($tarball)"
echo "binary:   $(stat -c %s "$binary") bytes (stripped)"
[ -f .build/static/release/openai-doctor ] && echo "unstripped build: $(stat -c %s .build/static/release/openai-doctor) bytes"
echo "libraries: $(ldd "$binary" | awk '{print $1}' | xargs -n1 basename | tr '\n' ' ')"

echo "openai.PermissionDeniedError: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}" >"$work/error.txt"
hyperfine -N --warmup 20 --runs 200 \
    "$binary --version" \
    "$binary explain $work/error.txt" \
    "$binary explain --format json $work/error.txt"
