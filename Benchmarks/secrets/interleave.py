#!/usr/bin/env python3
"""Times commands run by turns, so that drift on a shared machine hits every command alike.

hyperfine runs one command 30 times, then the next: on a VM whose speed drifts by 10% over
seconds, that favours whichever command ran in a quiet stretch. Here run i of every command
comes before run i+1 of any, in alternating order, and each run's output is read from a pipe
(GNU grep stops at its first match when writing to /dev/null).

usage: interleave.py RUNS COMMAND...    (each COMMAND one shell-free string, split on spaces)
"""
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    child = subprocess.Popen(command.split(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    child.stdout.read()
    child.wait()
    return (time.perf_counter() - start) * 1000


def main():
    runs, commands = int(sys.argv[1]), sys.argv[2:]
    for command in commands:  # warm-up
        run(command)
    times = {command: [] for command in commands}
    for i in range(runs):
        for command in commands if i % 2 == 0 else reversed(commands):
            times[command].append(run(command))
    base = statistics.median(times[commands[0]])
    print(f"{'median':>8} {'min':>7} {'vs first':>9}  command ({runs} runs each, by turns)")
    for command in commands:
        t = times[command]
        print(f"{statistics.median(t):6.1f}ms {min(t):5.1f}ms {base / statistics.median(t):8.2f}x  {command}")


if __name__ == "__main__":
    main()
