#!/usr/bin/env bash
# The explain benchmark (issue 2): classification throughput, and `explain` wall time
# including process start. Release builds; run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

echo "== classifier throughput (release, fixture corpus)"
swift build -c release --package-path "$root" --product explain-bench >/dev/null
"$root/.build/release/explain-bench" "$root/Tests/DoctorCoreTests/Fixtures/explain"

echo "== explain wall time including process start (release binary)"
swift build -c release --package-path "$root" --product openai-doctor >/dev/null
bin="$root/.build/release/openai-doctor"
# A typical paste (openai-python's 403 repr), named: never a sealed fixture, which only
# accuracy.py --sealed reads.
sample="$root/Tests/DoctorCoreTests/Fixtures/explain/177-region-home-assistant-py1.txt"
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine"; exit 1; }
hyperfine --warmup 5 --runs 50 -N --output=pipe \
  "$bin explain $sample" \
  "$bin explain --format json $sample"
