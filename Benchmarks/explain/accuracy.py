#!/usr/bin/env python3
"""Accuracy of `openai-doctor explain` on the fixture corpus, as a user runs it.

usage: Benchmarks/explain/accuracy.py BINARY [--holdout | --learnt] [--from N] [--batch B | --batch none]
                                      [--sealed] [-v]

Runs `BINARY explain --format json` on each fixture of Tests/DoctorCoreTests/Fixtures/explain
(with its manifest's --status/--header flags and fresh random keys for {{KEY:…}} placeholders)
and compares the cause with the label; "confidently wrong" counts wrong causes at confidence
high or medium. --holdout keeps the fixtures marked "holdout": true, --learnt the others;
--from N only fixtures numbered N and up (300 for issue 12's families, 1000 for later
collections); --batch B only the fixtures of collection B ("2026-12"), --batch none only those
without one.

Sealed fixtures ("sealed": true) are left out unless --sealed is given, which measures them
alone. Their files are read only here, by the binary under test: with --sealed the script never
prints a file name, a label or an answer, only the counts (per family with -v). Use a release
build (`swift build -c release --product openai-doctor`).
"""
import json, os, random, re, string, subprocess, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', 'Tests', 'DoctorCoreTests', 'Fixtures', 'explain')

def key(kind):
    a = string.ascii_letters + string.digits
    r = lambda n: ''.join(random.choice(a) for _ in range(n))
    return {'legacy': 'sk-' + r(20) + 'T3BlbkFJ' + r(20), 'proj': 'sk-proj-' + r(74) + 'T3BlbkFJ' + r(74),
            'svcacct': 'sk-svcacct-' + r(74) + 'T3BlbkFJ' + r(74), 'admin': 'sk-admin-' + r(58) + 'T3BlbkFJ' + r(58)}[kind]

def main(argv):
    binary = argv[0]
    only = 'holdout' if '--holdout' in argv else 'learnt' if '--learnt' in argv else 'all'
    start = int(argv[argv.index('--from') + 1]) if '--from' in argv else 0
    batch = argv[argv.index('--batch') + 1] if '--batch' in argv else None
    sealed = '--sealed' in argv
    right, total, wrong_confident, misses = 0, 0, 0, []
    families = collections.defaultdict(lambda: [0, 0])
    for item in json.load(open(os.path.join(CORPUS, 'manifest.json'))):
        if int(re.match(r'\d+', item['file']).group()) < start: continue
        if bool(item.get('sealed')) != sealed: continue
        if batch == 'none' and 'batch' in item: continue
        if batch not in (None, 'none') and item.get('batch') != batch: continue
        if only == 'holdout' and not item.get('holdout'): continue
        if only == 'learnt' and item.get('holdout'): continue
        text = open(os.path.join(CORPUS, item['file']), encoding='utf-8', errors='replace').read()
        for kind in ['legacy', 'proj', 'svcacct', 'admin']:
            while '{{KEY:%s}}' % kind in text: text = text.replace('{{KEY:%s}}' % kind, key(kind), 1)
        cmd = [binary, 'explain', '--format', 'json']
        if item.get('status'): cmd += ['--status', str(item['status'])]
        for header in item.get('headers', []): cmd += ['--header', header]
        out = json.loads(subprocess.run(cmd, input=text.encode(), capture_output=True).stdout)
        diagnosis = out.get('diagnosis') or out['diagnoses'][0]
        got = diagnosis['cause']
        total += 1
        families[item.get('family', '-')][1] += 1
        if got == item['cause']:
            right += 1
            families[item.get('family', '-')][0] += 1
        else:
            if diagnosis.get('confidence') in ('high', 'medium'): wrong_confident += 1
            misses.append(f"{item['file']}: want {item['cause']}, got {got} ({diagnosis.get('confidence')})")
    print(f'{right}/{total} correct ({100 * right / max(total, 1):.1f} %), '
          f'{wrong_confident} confidently wrong ({100 * wrong_confident / max(total, 1):.1f} %)')
    if '-v' in argv:
        for family, (a, b) in sorted(families.items()): print(f'  {family}: {a}/{b}')
        if not sealed:
            for miss in misses: print('  miss', miss)

if __name__ == '__main__':
    main(sys.argv[1:])
