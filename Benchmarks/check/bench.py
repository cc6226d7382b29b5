#!/usr/bin/env python3
"""Benchmark `openai-doctor check` against the mock with a fixed latency on every response.

Measures, in the same run:
  * the full check's wall time (process start to exit, --format json),
  * the slowest single probe chain, from the report's own per-check durations,
  * the same probes run one after another with curl (one process per request, as a person
    following the checklist by hand would).
  * the process start alone (`openai-doctor --version`), to read the wall time against.
Goals (issue 4): check <= 1.5x the slowest chain, and >= 3x faster than the curl sequence.
Goal (issue 13): the whole run (process wall) within 1.5x the slowest chain plus process start,
with the status page's two documents and the Realtime WebSocket handshake (issue 16) included.
"""
import argparse, json, os, random, re, statistics, string, subprocess, sys, time

def key():
    body = string.ascii_letters + string.digits + "_-"
    part = lambda n: "".join(random.choice(body) for _ in range(n))
    return "sk-proj-" + part(74) + "T3Blbk" + "FJ" + part(74)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--doctor", required=True)
    ap.add_argument("--latency", type=int, default=150)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()

    mock = subprocess.Popen([args.doctor, "mock", "--port", "0", "--latency", f"fixed:{args.latency}"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = mock.stdout.readline()
        port = int(re.search(r":(\d+)", first.split("http://")[1]).group(1))
        base = f"http://127.0.0.1:{port}"
        api_key = key()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OPENAI_API_KEY": api_key, "NO_COLOR": "1"}
        check = [args.doctor, "check", "--base-url", base + "/v1", "--status-url", base, "--model", "gpt-4o-mini",
                 "--format", "json", "--no-dotenv", "--timeout", "10"]

        walls, runs, chains = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            out = subprocess.run(check, env=env, capture_output=True, text=True)
            walls.append((time.perf_counter() - start) * 1000)
            report = json.loads(out.stdout)
            assert report["verdict"] == "ok", out.stdout[:2000]
            assert api_key not in out.stdout
            statuses = {c["id"]: c["status"] for c in report["checks"]}
            assert statuses.get("api.realtime") == "pass", statuses
            assert statuses.get("service.status") == "pass", statuses
            durations = {c["id"]: c["duration_ms"] for c in report["checks"]}
            requests = [q for c in report["checks"] for q in c["evidence"]["requests"]]
            # The run inside the process: from its start to the end of its last request.
            runs.append(max(q["start_ms"] + q["total_ms"] for q in requests))
            # A chain starts after the DNS check (which every probe waits for) and runs its requests in order.
            chains.append(durations["network.dns"] + max(durations.values()))

        auth = f"Authorization: Bearer {api_key}"
        curl_requests = [
            ["GET", base + "/cdn-cgi/trace", []],
            ["GET", base + "/compliance/cookie_requirements", []],
            ["GET", base + "/proxy/status.openai.com", []],
            ["GET", base + "/v1/models", ["-H", auth]],
            ["GET", base + "/v1/models/gpt-4o-mini", ["-H", auth]],
            ["POST", base + "/v1/chat/completions", ["-H", auth, "-H", "Content-Type: application/json", "-d", "{}"]],
            ["POST", base + "/v1/responses", ["-H", auth, "-H", "Content-Type: application/json", "-d", "{}"]],
        ]
        curls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for method, url, extra in curl_requests:
                subprocess.run(["curl", "-s", "-o", "/dev/null", "-X", method, *extra, url], check=True)
            curls.append((time.perf_counter() - start) * 1000)

        starts = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([args.doctor, "--version"], env=env, capture_output=True, check=True)
            starts.append((time.perf_counter() - start) * 1000)
    finally:
        mock.terminate()
        mock.wait()

    wall, run, chain, curl, boot = (statistics.median(walls), statistics.median(runs), statistics.median(chains),
                                    statistics.median(curls), statistics.median(starts))
    print(f"latency per response        {args.latency} ms, {args.runs} runs, medians")
    print(f"full check, in process      {run:.0f} ms   (min {min(runs):.0f}, max {max(runs):.0f})")
    print(f"full check, process wall    {wall:.0f} ms   (min {min(walls):.0f}, max {max(walls):.0f}; incl. process start and exit)")
    print(f"slowest single probe chain  {chain:.0f} ms")
    print(f"same probes with curl, one after another  {curl:.0f} ms   ({len(curl_requests)} requests)")
    print(f"check (in process) / slowest chain   {run / chain:.2f}x   (goal <= 1.5x)")
    print(f"process start alone (--version)      {boot:.0f} ms")
    print(f"check (process wall) / slowest chain {wall / chain:.2f}x")
    print(f"check (process wall - start) / slowest chain {(wall - boot) / chain:.2f}x   (goal <= 1.5x: wall <= 1.5 x chain + start)")
    print(f"curl sequence / check (process wall) {curl / wall:.2f}x   (goal >= 3x)")
    ok = run <= 1.5 * chain and curl >= 3 * wall and wall <= 1.5 * chain + boot
    print("goals met" if ok else "GOALS NOT MET")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
