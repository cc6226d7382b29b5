#!/usr/bin/env bash
# Opens an HTML report in headless Chromium (Debian `chromium`), screenshots it, and checks it
# rendered: the page is self-contained (no script, no external reference), the browser logged
# no console message, the DOM has text, and the screenshot is not blank.
#
#   scripts/check-html-render.sh REPORT.html [SCREENSHOT.png]   # one page
#   scripts/check-html-render.sh                                # CI: make real pages and check them all
#
# With no argument it starts `openai-doctor mock` on loopback, writes the pages a person would
# attach to a ticket — `check --format html` (a failing run), `report --format html` of the same
# run saved as JSON, and `verify --format html` — and checks each; screenshots go to
# .build/html-render/. Exit 0 when all hold, 1 when one fails (the reason is printed), 2 on
# usage or a missing browser.
set -euo pipefail

page=${1:-}
shot=${2:-}
if [[ -z "$page" ]]; then
    # Self-test mode: make real pages from the built tool against the mock, check each.
    cd "$(dirname "$0")/.."
    bin=${OPENAI_DOCTOR_BIN:-.build/debug/openai-doctor}
    [[ -x "$bin" ]] || swift build --product openai-doctor
    out=.build/html-render
    mkdir -p "$out"
    "$bin" mock --port 0 --scenario region.unsupported >"$out/mock.log" 2>&1 &
    mock=$!
    trap 'kill "$mock" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do grep -q '^listening on ' "$out/mock.log" 2>/dev/null && break; sleep 0.1; done
    base=$(sed -n 's/^listening on //p' "$out/mock.log" | head -1)
    [[ -n "$base" ]] || { echo "check-html-render: the mock did not start" >&2; exit 1; }
    key="sk-proj-$(head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
    live=(--base-url "$base/v1" --status-url "$base" --no-dotenv --timeout 8)
    OPENAI_API_KEY=$key "$bin" check "${live[@]}" --format html --output "$out/check.html" || true
    OPENAI_API_KEY=$key "$bin" check "${live[@]}" --format json --output "$out/check.json" || true
    "$bin" report "$out/check.json" --format html --output "$out/report.html"
    OPENAI_API_KEY=$key "$bin" verify --from "$out/check.json" "${live[@]}" --format html --output "$out/verify.html" || true
    status=0
    for name in check report verify; do
        bash "$0" "$out/$name.html" "$out/$name.png" || status=1
        if grep -q -- "$key" "$out/$name.html"; then echo "check-html-render: FAIL: $name.html holds the key" >&2; status=1; fi
    done
    exit $status
fi
if [[ ! -f "$page" ]]; then
    echo "usage: $0 [REPORT.html [SCREENSHOT.png]]" >&2
    exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
    echo "check-html-render: chromium not found (apt-get install chromium)" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot=${shot:-$work/screenshot.png}
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
    --user-data-dir="$work/profile" --window-size=1200,1400 --enable-logging=stderr --v=0)

fail() { echo "check-html-render: FAIL: $*" >&2; exit 1; }

# 1. Self-contained: nothing to fetch, nothing to run.
if grep -Eiq '<script|<link|<img|<iframe|src=|href=|url\(|@import' "$page"; then
    fail "the page references an external asset or holds a script: $(grep -Eio '<script|<link|<img|<iframe|src=[^ >]*|href=[^ >]*|url\([^)]*\)|@import' "$page" | head -3 | tr '\n' ' ')"
fi

# 2. Screenshot, with the browser's console routed to the log.
timeout 90 "$browser" "${flags[@]}" --screenshot="$shot" "$url" >"$work/out.log" 2>"$work/err.log" || fail "chromium exited with $? (see its log below)"$'\n'"$(tail -5 "$work/err.log")"
if grep -q 'CONSOLE' "$work/err.log"; then
    fail "console messages:"$'\n'"$(grep 'CONSOLE' "$work/err.log")"
fi
[[ -s "$shot" ]] || fail "no screenshot written"

# 3. The DOM has text.
timeout 90 "$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>/dev/null || fail "chromium could not dump the DOM"
text_chars=$(sed -e 's/<[^>]*>//g' "$work/dom.html" | tr -d '[:space:]' | wc -c)
(( text_chars >= 200 )) || fail "the rendered DOM holds only $text_chars characters of text"

# 4. The screenshot is not blank: decode the PNG (standard library only) and count ink.
python3 - "$shot" <<'PY' || fail "the screenshot is blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
channels = {2: 3, 6: 4}[ctype]
raw, stride = zlib.decompress(idat), width * channels
rows, prev, ink = [], bytearray(stride), 0
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b, c = prev[i], prev[i - channels] if i >= channels else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        ink += sum(1 for x in range(0, stride, channels * 4) if min(line[x:x + 3]) < 200)
    prev = line
sampled = (height // 4 + 1) * (width // 4 + 1)
share = ink / sampled
print(f"check-html-render: screenshot {width}x{height}, {share:.1%} of sampled pixels inked")
sys.exit(0 if share > 0.01 else 1)
PY
echo "check-html-render: ok: $page rendered ($text_chars characters of text), screenshot $shot"
