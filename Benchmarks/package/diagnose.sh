#!/usr/bin/env bash
# Sizes of the wheel and the npm package, and what diagnose() adds to an error handler, in
# Python and in Node (see README.md beside this file).
#
#   Benchmarks/package/diagnose.sh      # after scripts/package.sh; needs python3 (venv), node, npm
#
# Installs dist/'s wheel into a fresh virtual environment and dist/'s npm tarball into a
# temporary prefix, then times 200 calls (after 20 unmeasured) of diagnose() on the text of an
# openai-python RateLimitError (Python) and on an APIError-shaped object (Node), and the same
# runs of `openai-doctor explain --format json` by hyperfine for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/DoctorCLI/ToolInfo.swift)
wheel=$(ls -t dist/openai_doctor-"$version"-py3-none-*.whl | head -n 1)
tgz=dist/openai-doctor-$version.tgz
[ -f "$wheel" ] && [ -f "$tgz" ] || { echo "no wheel or npm tarball: run scripts/package.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "wheel:    $(stat -c %s "$wheel") bytes ($(basename "$wheel"))"
echo "npm:      $(stat -c %s "$tgz") bytes ($(basename "$tgz"))"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --no-index --quiet --disable-pip-version-check "$wheel"
echo "wheel installed: $(du -sb "$work/venv/lib/python3"*/site-packages/openai_doctor* | awk '{s+=$1} END {print s}') bytes"
npm install -g --offline --no-audit --no-fund --silent --cache "$work/cache" --prefix "$work/prefix" "$(realpath "$tgz")"
echo "npm installed:   $(du -sb "$work/prefix/lib/node_modules/openai-doctor" | cut -f1) bytes"

"$work/venv/bin/python" - <<'PY'
import statistics, time
import openai_doctor
text = ("openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
        "check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}")
for _ in range(20):
    openai_doctor.diagnose(text)
runs = []
for _ in range(200):
    start = time.perf_counter()
    diagnosis = openai_doctor.diagnose(text)
    runs.append((time.perf_counter() - start) * 1000)
assert diagnosis["cause"] == "billing.quota_exceeded", diagnosis["cause"]
print(f"python diagnose(): mean {statistics.mean(runs):.1f} ms, median {statistics.median(runs):.1f}, "
      f"min {min(runs):.1f}, max {max(runs):.1f} (200 runs)")
PY

node - "$work/prefix/lib/node_modules/openai-doctor" <<'JS'
const { diagnose, diagnoseSync } = require(process.argv[2]);
const error = Object.assign(new Error('429 You exceeded your current quota'), {
  status: 429, headers: { 'x-request-id': 'req_0123456789abcdef' },
  error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
});
const stats = (label, runs) => {
  runs.sort((a, b) => a - b);
  const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
  console.log(`node ${label}: mean ${mean.toFixed(1)} ms, median ${runs[runs.length >> 1].toFixed(1)}, min ${runs[0].toFixed(1)}, max ${runs[runs.length - 1].toFixed(1)} (${runs.length} runs)`);
};
(async () => {
  for (let i = 0; i < 20; i++) await diagnose(error);
  const runs = [];
  for (let i = 0; i < 200; i++) {
    const start = process.hrtime.bigint();
    const diagnosis = await diagnose(error);
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (diagnosis.cause !== 'billing.quota_exceeded') throw new Error(diagnosis.cause);
  }
  stats('diagnose()', runs);
  const sync = [];
  for (let i = 0; i < 200; i++) {
    const start = process.hrtime.bigint();
    diagnoseSync(error);
    sync.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  stats('diagnoseSync()', sync);
})();
JS

if command -v hyperfine >/dev/null; then
    binary=$("$work/venv/bin/python" -c 'import openai_doctor; print(openai_doctor.binary_path())')
    echo "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}" >"$work/error.txt"
    hyperfine -N --warmup 20 --runs 200 "$binary explain --format json $work/error.txt"
fi
