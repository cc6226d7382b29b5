#!/usr/bin/env python3
"""Time to the terminal failure on insufficient_quota: DoctorClient vs openai-python, same run, same mock.

Starts `openai-doctor mock --scenario billing.quota_exceeded` on loopback, then alternates:
  * ours: the doctor-client-example binary (RetryingClient + URLSession, default policy:
    3 attempts), which prints the in-process time around the call (`elapsed_ms=`);
  * openai-python: `client.models.list()` with the SDK's defaults (max_retries=2), timed
    in-process around the call until RateLimitError is raised.
Both list models at the same base URL with the same fake key. Before each run the mock's
journal is cleared; after it, the journal says how many requests arrived.

Usage: bench.py --doctor PATH/openai-doctor --example PATH/doctor-client-example [--runs 10]
Run it with the venv's python (the one that has `openai` installed).
"""
import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request


def admin(base, method, path):
    req = urllib.request.Request(base + path, method=method)
    with urllib.request.urlopen(req, timeout=10) as resp:
        body = resp.read()
        return json.loads(body) if body else None


def journal_count(base):
    data = admin(base, "GET", "/__mock/journal")
    entries = data.get("entries", data) if isinstance(data, dict) else data
    return len([e for e in entries if e.get("path", "").startswith("/v1/")])


def run_ours(example, base, key):
    env = dict(os.environ, OPENAI_BASE_URL=base + "/v1", OPENAI_API_KEY=key, DOCTOR_LOG_LEVEL="critical")
    out = subprocess.run([example], env=env, capture_output=True, text=True, timeout=120)
    elapsed = next(float(part.split("=")[1]) for line in out.stdout.splitlines() for part in line.split()
                   if part.startswith("elapsed_ms="))
    cause = "billing.quota_exceeded" if "billing.quota_exceeded" in out.stdout else out.stdout.strip()[:80]
    return elapsed, cause


def run_python(base, key):
    import openai
    client = openai.OpenAI(api_key=key, base_url=base + "/v1")
    start = time.perf_counter()
    try:
        client.models.list()
        outcome = "success?"
    except openai.RateLimitError as error:
        code = getattr(error, "code", None) or (error.body or {}).get("code") if isinstance(error.body, dict) else getattr(error, "code", None)
        outcome = f"{type(error).__name__} ({code})"
    return (time.perf_counter() - start) * 1000, outcome


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--doctor", required=True)
    parser.add_argument("--example", required=True)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import openai
    mock = subprocess.Popen([args.doctor, "mock", "--port", "0", "--scenario", "billing.quota_exceeded"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = mock.stdout.readline().strip()
        assert first.startswith("listening on "), first
        base = first.split("listening on ", 1)[1]
        # A random key of a real shape, made here; it only goes to the loopback mock.
        key = "sk-proj-" + secrets.token_urlsafe(117)[:156]
        ours, theirs = [], []
        for _ in range(args.runs):
            admin(base, "DELETE", "/__mock/journal")
            elapsed, cause = run_ours(args.example, base, key)
            ours.append((elapsed, journal_count(base), cause))
            admin(base, "DELETE", "/__mock/journal")
            elapsed, outcome = run_python(base, key)
            theirs.append((elapsed, journal_count(base), outcome))
        med_ours = statistics.median(e for e, _, _ in ours)
        med_theirs = statistics.median(e for e, _, _ in theirs)
        print(f"openai-python {openai.__version__}, {args.runs} runs each, alternating, mock at {base}")
        print()
        print("| client | requests sent | outcome | median ms | min ms | max ms |")
        print("|---|---|---|---|---|---|")
        for name, rows in (("DoctorClient (RetryingClient, URLSession)", ours), (f"openai-python {openai.__version__} (defaults)", theirs)):
            counts = sorted({n for _, n, _ in rows})
            outcomes = sorted({o for _, _, o in rows})
            times = [e for e, _, _ in rows]
            print(f"| {name} | {', '.join(map(str, counts))} | {'; '.join(outcomes)} | "
                  f"{statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} |")
        print()
        ratio = med_theirs / med_ours
        print(f"ratio (openai-python median / DoctorClient median): {ratio:.0f}x")
        ok = all(n == 1 for _, n, _ in ours) and ratio >= 5
        print("PASS" if ok else "FAIL", "(goal: exactly one request from DoctorClient, at least 5x sooner)")
        return 0 if ok else 1
    finally:
        mock.terminate()
        mock.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
