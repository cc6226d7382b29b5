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

echo "== explain of a large paste: the unsealed fixtures' texts one after another, about 256 KB"
# Many error objects and pages in one input: the case where reading every object once matters
# (a copy of up to 64 KiB per object tried made this quadratic before 2026-12-07).
large=$(mktemp /tmp/explain-large.XXXXXX)
trap 'rm -f "$large"' EXIT
python3 - "$root/Tests/DoctorCoreTests/Fixtures/explain" "$large" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
text = ''
for item in json.load(open(os.path.join(corpus, 'manifest.json'))):
    if item.get('sealed') or item.get('planted_key') or item['file'].endswith('.har'):
        continue
    text += open(os.path.join(corpus, item['file']), errors='replace').read() + '\n'
    if len(text) >= 256 * 1024:
        break
open(out, 'w').write(text[:256 * 1024])
PY
hyperfine --warmup 3 --runs 20 -N --output=pipe "$bin explain $large" "$bin explain --format json $large"

