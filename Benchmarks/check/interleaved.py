#!/usr/bin/env python3
"""Issue 22's comparison with the machine's drift taken out: `check --runtime all` of two builds,
`--runtime python`, `check` alone and `python3 -c "import openai"`, each run N times in a fresh
random order per round (hyperfine runs one command's runs back to back, so a slow minute lands on
one command only).

usage: Benchmarks/check/interleaved.py BUILD_A BUILD_B ROUNDS [BUSY]

BUSY (default 0) busy loops run beside every command, each in a session of its own: a machine
busy with other work, where the runtimes' probes must not be lowered (RuntimeRunner.niceness).

BUILD_A's mock serves every run (plain HTTP, scenario ok); a project-shaped key is made up at
run time; the proxy and CA variables of the shell are left out, as in runtimes.sh. Prints the
median, mean, min and max of each in milliseconds.
"""
import os, random, re, statistics, subprocess, sys, tempfile, time
if len(sys.argv) not in (4, 5):
    sys.exit(__doc__)
bins = sys.argv[1:3]; n = int(sys.argv[3]); busy = int(sys.argv[4]) if len(sys.argv) == 5 else 0
mock = subprocess.Popen([bins[0], 'mock', '--port', '0'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
base = None
while base is None:
    line = mock.stdout.readline()
    m = re.match(r'listening on (\S+)', line)
    if m: base = m.group(1)
env = {k: v for k, v in os.environ.items() if k not in ('SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'CURL_CA_BUNDLE')}
env['OPENAI_API_KEY'] = 'sk-proj-' + ''.join(random.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(156))
args = ['check', '--base-url', base + '/v1', '--status-url', base, '--model', 'gpt-4o-mini', '--no-dotenv', '--format', 'json']
cases = {'A all': [bins[0]] + args + ['--runtime', 'all'], 'B all': [bins[1]] + args + ['--runtime', 'all'],
         'python': [bins[1]] + args + ['--runtime', 'python'], 'check': [bins[1]] + args,
         'import openai': ['python3', '-c', 'import openai']}
times = {k: [] for k in cases}
out = tempfile.TemporaryFile('w')  # reports go to a file, as a user's would
loops = [subprocess.Popen(['sh', '-c', 'while :; do :; done'], start_new_session=True) for _ in range(busy)]
for k, c in cases.items(): subprocess.run(c, env=env, stdout=out, stderr=subprocess.DEVNULL)
for i in range(n):
    order = list(cases); random.shuffle(order)
    for k in order:
        t = time.monotonic(); subprocess.run(cases[k], env=env, stdout=out, stderr=subprocess.DEVNULL); times[k].append((time.monotonic() - t) * 1000)
for loop in loops: loop.kill()
mock.terminate()
for k, v in times.items():
    print(f"{k:15s} median {statistics.median(v):7.1f} ms  mean {statistics.mean(v):7.1f}  min {min(v):7.1f}  max {max(v):7.1f}  (n={len(v)})")
