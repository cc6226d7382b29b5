#!/usr/bin/env python3
"""Writes a realistic OpenAI client log of a given size with planted secrets.

usage: make-log.py OUT SIZE_MB [--single-line] [--cookie-lines PERCENT]

Lines mix timestamps, request ids, cf-ray ids, HTTP dumps, JSON error bodies from
docs/errors-catalogue.md and prose. About one line in 2,000 carries a secret of some shape
(generated at random here; nothing real). --single-line writes one line with no newline
(the "2 GB single line" case). --cookie-lines 1.7 makes 1.7% of the lines cookie headers
as browsers and servers send them (a next-auth session token in two parts, Cloudflare and
framework cookies, Set-Cookie with attributes), the log of issue 20's slowdown.
"""
import random
import string
import sys

rng = random.Random(7)
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"


def rnd(n, alphabet=ALNUM):
    return "".join(rng.choice(alphabet) for _ in range(n))


def key():
    kind = rng.randrange(6)
    if kind == 0:
        return "sk-proj-" + rnd(74, URLSAFE) + "T3BlbkFJ" + rnd(74, URLSAFE)
    if kind == 1:
        return "sk-svcacct-" + rnd(74, URLSAFE) + "T3BlbkFJ" + rnd(74, URLSAFE)
    if kind == 2:
        return "sk-admin-" + rnd(58, URLSAFE) + "T3BlbkFJ" + rnd(58, URLSAFE)
    if kind == 3:
        return "sk-" + rnd(20) + "T3BlbkFJ" + rnd(20)
    if kind == 4:
        return "sk-proj-" + rnd(48, URLSAFE)
    return "sk-None-" + rnd(48, URLSAFE)


def secret_line(ts):
    k = key()
    forms = [
        f"{ts} DEBUG http request headers={{'Authorization': 'Bearer {k}', 'OpenAI-Organization': 'org-{rnd(24)}'}}",
        f"{ts} INFO using key {k} for project proj_{rnd(24)}",
        f"{ts} DEBUG GET https://api.openai.com/v1/models?api_key={k}&limit=20",
        f"> Authorization: Bearer {k}",
        f"{ts} WARN proxy http://svc:{rnd(16)}@proxy.corp.example:3128 CONNECT api.openai.com:443",
        f"cookie: __cf_bm={rnd(43, URLSAFE)}; _cfuvid={rnd(40, URLSAFE)}",
        f'{{"ts": "{ts}", "env": {{"OPENAI_API_KEY": "{k}"}}}}',
    ]
    return rng.choice(forms)


def cookie_line(ts):
    hexd = "0123456789abcdef"
    uuid = "-".join(rnd(n, hexd) for n in (8, 4, 4, 4, 12))
    forms = [
        f"cookie: __Secure-next-auth.session-token.0={rnd(1800, URLSAFE + '.')}; "
        f"__Secure-next-auth.session-token.1={rnd(600, URLSAFE + '.')}; __cf_bm={rnd(43, URLSAFE)}; "
        f"_cfuvid={rnd(40, URLSAFE)}; oai-did={uuid}; "
        f"__Host-next-auth.csrf-token={rnd(64, hexd)}%7C{rnd(64, hexd)}; cf_clearance={rnd(50, URLSAFE)}",
        f"< set-cookie: __Secure-next-auth.session-token={rnd(900, URLSAFE + '.')}; Path=/; "
        f"Expires=Sat, 26 Dec 2026 10:00:00 GMT; HttpOnly; Secure; SameSite=Lax",
        f"{ts} DEBUG request headers={{'Cookie': 'sessionid={rnd(32)}; csrftoken={rnd(32)}', "
        f"'User-Agent': 'python-requests/2.32.3'}}",
        f"> Cookie: connect.sid=s%3A{rnd(32, URLSAFE)}.{rnd(43, URLSAFE)}; _ga=GA1.1.{rnd(9, '0123456789')}.1764000000",
    ]
    return rng.choice(forms)


BODIES = [
    '{"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}',
    '{"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "param": null, "type": "request_forbidden"}}',
    '{"error": {"message": "Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29000, Requested 1500.", "type": "tokens", "param": null, "code": "rate_limit_exceeded"}}',
]


def plain_line(ts, i):
    r = rng.randrange(10)
    rid = "req_" + rnd(32, string.hexdigits[:16])
    if r == 4 and rng.randrange(10) != 0:
        r = 0  # error records: about one line in a hundred
    if r < 4:
        return f"{ts} INFO POST /v1/chat/completions 200 {rng.randrange(80, 4000)}ms request_id={rid} model=gpt-4o-mini tokens={rng.randrange(10, 900)}"
    if r < 5:
        return f"{ts} ERROR openai.RateLimitError: Error code: 429 - {rng.choice(BODIES)} request_id={rid}"
    if r < 6:
        return f"< x-request-id: {rid}"
    if r < 7:
        return f"< cf-ray: {rnd(16, '0123456789abcdef')}-FRA"
    if r < 8:
        return f"{ts} DEBUG retrying in {rng.random():.3f}s after status 503 (attempt {rng.randrange(1, 5)}) trace_id={rnd(32, '0123456789abcdef')}"
    if r < 9:
        return f"{ts} INFO the task-runner skipped risk-free desk-check for user_{rnd(12)} (sha256 {rnd(64, '0123456789abcdef')})"
    return f"{ts} DEBUG response headers: openai-processing-ms=812 openai-version=2020-10-01 x-ratelimit-remaining-tokens={rng.randrange(1000, 90000)}"


def main():
    out, size_mb = sys.argv[1], float(sys.argv[2])
    single = "--single-line" in sys.argv
    cookies = float(sys.argv[sys.argv.index("--cookie-lines") + 1]) / 100 if "--cookie-lines" in sys.argv else 0
    target = int(size_mb * 1024 * 1024)
    # Build a 4 MiB block once, then repeat it with fresh secrets so generation stays fast.
    lines = []
    total = 0
    i = 0
    while total < 4 * 1024 * 1024:
        ts = f"2026-11-26T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(1000):03d}Z"
        if i % 2000 == 1999:
            line = secret_line(ts)
        elif cookies and rng.random() < cookies:
            line = cookie_line(ts)
        else:
            line = plain_line(ts, i)
        lines.append(line)
        total += len(line) + 1
        i += 1
    sep = " " if single else "\n"
    block = sep.join(lines) + sep
    written = 0
    with open(out, "w") as f:
        while written < target:
            chunk = block[: target - written]
            f.write(chunk)
            written += len(chunk)


if __name__ == "__main__":
    main()
