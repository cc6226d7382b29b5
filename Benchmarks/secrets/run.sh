#!/usr/bin/env bash
# Benchmarks for `audit` and `redact` (issue 6). Usage:
#   swift build -c release --product openai-doctor               # plain release build, or the
#   swift build -c release --static-swift-stdlib -Xlinker -no-pie -Xlinker --no-export-dynamic --product openai-doctor --scratch-path .build/static
#                                                                 # distribution build (BIN=.build/static/release/openai-doctor)
#   Benchmarks/secrets/run.sh            # 100 MB log: throughput against grep and ripgrep, peak RSS
#   BIG=1 Benchmarks/secrets/run.sh      # also a 1 GB log and a 2 GB single line (slow: minutes)
# Needs python3, hyperfine, ripgrep, GNU grep and GNU time (apt-get install -y hyperfine ripgrep time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${BIN:-$root/.build/release/openai-doctor}"
work="${WORK:-$(mktemp -d /tmp/openai-doctor-secrets-bench.XXXXXX)}"
runs="${RUNS:-30}"
mkdir -p "$work"
[ -x "$bin" ] || { echo "build first: swift build -c release --product openai-doctor" >&2; exit 2; }

# gitleaks' OpenAI rule as gitleaks compiles it: the pattern of cmd/generate/config/rules/openai.go
# (ddcc7537) wrapped by GenerateUniqueTokenRegex (cmd/generate/config/utils/generate.go):
#   \b(  PATTERN  )(?:['"\x60\s;\\<,)]|$)
# PCRE for ripgrep, ERE for GNU grep; kept in files so that no shell quoting can change them.
core_pcre='sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}'
core_ere='sk-(proj|svcacct|admin)-([A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ([A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}'
printf '%s\n' '\b('"$core_pcre"')(?:['"'"'"\x60\s;\\<,)]|$)' > "$work/gitleaks.pcre"
printf '%s\n' '\b('"$core_ere"')(['"'"'"`[:space:];\\<,)]|$)' > "$work/gitleaks.ere"

# 1.7% of the lines are cookie headers (issue 20: cookie values are found and judged one by one,
# and those lines once doubled the scan's time); COOKIES=0 gives the log of issue 6.
cookies="${COOKIES:-1.7}"
log="$work/log100-cookies$cookies.txt"
[ -f "$log" ] || python3 "$here/make-log.py" "$log" 100 --cookie-lines "$cookies"
echo "== 100 MB log: $(wc -l < "$log") lines, $(grep -c 'T3BlbkFJ' "$log") lines with a marked key"
echo "   matches: grep $(grep -cE -f "$work/gitleaks.ere" "$log"), rg $(rg -c -f "$work/gitleaks.pcre" "$log"), binary $bin"
cat "$log" > /dev/null  # page cache

# audit: --output=pipe, because GNU grep stops at the first match when its output is /dev/null.
hyperfine -N --output=pipe --warmup 3 --runs "$runs" --ignore-failure --export-markdown "$work/audit.md" \
  -n "grep -cE (gitleaks regex)" "grep -cE -f $work/gitleaks.ere $log" \
  -n "rg -c (gitleaks regex)" "rg -c -f $work/gitleaks.pcre $log" \
  -n "openai-doctor audit --credentials-only" "$bin audit --credentials-only $log" \
  -n "openai-doctor audit" "$bin audit $log" \
  -n "openai-doctor --version (process start)" "$bin --version"
# The same comparison by turns (grep, then each build that exists): drift on a shared VM
# hits every command alike. PLAIN and STATIC name the two builds' binaries.
plain="${PLAIN:-$root/.build/release/openai-doctor}"
static="${STATIC:-$root/.build/static/release/openai-doctor}"
turns=("grep -cE -f $work/gitleaks.ere $log" "cat $log" "cp $log $work/copy.txt")
for b in "$static" "$plain"; do
  [ -x "$b" ] && turns+=("$b audit $log" "$b audit --credentials-only $log" "$b redact --quiet $log -o $work/out.txt")
done
python3 "$here/interleave.py" "${TURNS:-60}" "${turns[@]}" | tee "$work/audit-turns.txt"
# redact: output to /dev/null (what the tool does, not what the file system costs), then to a pipe.
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/redact.md" \
  -n "rg --passthru -r (gitleaks regex)" "rg --passthru -r REDACTED -f $work/gitleaks.pcre $log" \
  -n "openai-doctor redact" "$bin redact --quiet $log" \
  -n "cat (copy alone)" "cat $log"
hyperfine -N --output=pipe --warmup 2 --runs 10 --export-markdown "$work/redact-pipe.md" \
  -n "rg --passthru -r (gitleaks regex), to a pipe" "rg --passthru -r REDACTED -f $work/gitleaks.pcre $log" \
  -n "openai-doctor redact, to a pipe" "$bin redact --quiet $log" \
  -n "cat, to a pipe" "cat $log"

rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
echo "== peak RSS (KiB), 100 MB: audit $(rss "$bin" audit "$log"), redact $(rss "$bin" redact --quiet "$log" -o /dev/null)"

# Redaction is complete and keeps lines: no key shape left, same line count.
"$bin" redact --quiet "$log" -o "$work/out.txt"
left=$(grep -cE 'sk-(proj|svcacct|admin|None)-[A-Za-z0-9_-]{40}|sk-[A-Za-z0-9]{48}|T3BlbkFJ' "$work/out.txt" || true)
echo "== redacted 100 MB: lines in $(wc -l < "$log") out $(wc -l < "$work/out.txt"), key shapes left: $left"
rm -f "$work/out.txt"

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
echo "results in $work (audit.md, audit-turns.txt, redact.md, redact-pipe.md)"
