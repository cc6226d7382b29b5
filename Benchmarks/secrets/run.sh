#!/usr/bin/env bash
# Benchmarks for `audit` and `redact` (issue 6). Usage:
#   swift build -c release --product openai-doctor
#   Benchmarks/secrets/run.sh            # 100 MB log: throughput against grep and ripgrep, peak RSS
#   BIG=1 Benchmarks/secrets/run.sh      # also a 1 GB log and a 2 GB single line (slow: minutes)
# Needs python3, hyperfine, ripgrep, GNU grep and GNU time (apt-get install -y hyperfine ripgrep time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${BIN:-$root/.build/release/openai-doctor}"
work="${WORK:-$(mktemp -d /tmp/openai-doctor-secrets-bench.XXXXXX)}"
mkdir -p "$work"
[ -x "$bin" ] || { echo "build first: swift build -c release --product openai-doctor" >&2; exit 2; }

# gitleaks' OpenAI rule (cmd/generate/config/rules/openai.go @ ddcc7537), PCRE for ripgrep and ERE for GNU grep.
pcre='sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}'
ere='sk-(proj|svcacct|admin)-([A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ([A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}'

log="$work/log100.txt"
python3 "$here/make-log.py" "$log" 100
echo "== 100 MB log: $(wc -l < "$log") lines, $(grep -c 'T3BlbkFJ' "$log") lines with a marked key"
cat "$log" > /dev/null  # page cache

# --output=pipe: GNU grep stops at the first match when its output is /dev/null (hyperfine's default).
hyperfine --output=pipe --warmup 2 --runs 10 --ignore-failure --export-markdown "$work/audit.md" \
  -n "grep -E (gitleaks regex)" "grep -cE '$ere' '$log'" \
  -n "rg (gitleaks regex)" "rg -c '$pcre' '$log'" \
  -n "openai-doctor audit --credentials-only" "'$bin' audit --credentials-only '$log'" \
  -n "openai-doctor audit" "'$bin' audit '$log'" \
  -n "openai-doctor --version (process start)" "'$bin' --version"
hyperfine --output=pipe --warmup 2 --runs 10 --export-markdown "$work/redact.md" \
  -n "rg --passthru -r (gitleaks regex)" "rg --passthru -r REDACTED '$pcre' '$log'" \
  -n "openai-doctor redact" "'$bin' redact --quiet '$log'"

rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
echo "== peak RSS (KiB), 100 MB: audit $(rss "$bin" audit "$log"), redact $(rss "$bin" redact --quiet "$log" -o /dev/null)"

# Redaction is complete and keeps lines: no key shape left, same line count.
"$bin" redact --quiet "$log" -o "$work/out.txt"
left=$(grep -cE 'sk-(proj|svcacct|admin|None)-[A-Za-z0-9_-]{40}|sk-[A-Za-z0-9]{48}|T3BlbkFJ' "$work/out.txt" || true)
echo "== redacted 100 MB: lines in $(wc -l < "$log") out $(wc -l < "$work/out.txt"), key shapes left: $left"

if [ "${BIG:-0}" = 1 ]; then
  big="$work/log1g.txt"
  python3 "$here/make-log.py" "$big" 1024
  echo "== 1 GB log: redact $(rss "$bin" redact --quiet "$big" -o "$work/out1g.txt") KiB peak"
  left=$(grep -cE 'sk-(proj|svcacct|admin|None)-[A-Za-z0-9_-]{40}|T3BlbkFJ' "$work/out1g.txt" || true)
  echo "   lines in $(wc -l < "$big") out $(wc -l < "$work/out1g.txt"), key shapes left: $left"
  echo "   audit $(rss "$bin" audit --credentials-only "$big") KiB peak"
  rm -f "$big" "$work/out1g.txt"
  line="$work/line2g.txt"
  python3 "$here/make-log.py" "$line" 2048 --single-line
  echo "== 2 GB single line: redact $(rss "$bin" redact --quiet "$line" -o /dev/null) KiB peak, audit $(rss "$bin" audit --credentials-only "$line") KiB peak"
  rm -f "$line"
fi
echo "results in $work (audit.md, redact.md)"
