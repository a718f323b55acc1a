"""Markdown tables for bench/swarm.sh from its runs' directories.

Step times per machine come from the summary tables Zentoo logs. Where a Swarm task's
time went comes from `docker events` only, not from Zentoo: on the manager, the input
image's commit and push and the service's creation and removal; on the worker that ran
it, the pull and the task container's create, start and die. Tasks run one at a time
here (one partition, assemblies in turn), so they are matched in order.
Usage: swarm-report.py WORK RUN...   (the first run is the one-host baseline)
"""
import json
import re
import statistics
import sys
from pathlib import Path

work = Path(sys.argv[1])
runs = sys.argv[2:]
STEPS = {'build': 'build', 'assemble': 'assembly'}
KEYS = ('layer', 'push', 'pull', 'start', 'run', 'collect')


def summary(run):
    """{goal: {machine: seconds}} from the summary tables of the run's mvn.log."""
    times, goal = {}, None
    for line in (work / run / 'mvn.log').read_text().splitlines():
        m = re.search(r'zentoo:(\w+) summary', line)
        if m:
            goal = m.group(1)
            continue
        m = re.match(r'\[INFO\] (n\d\d)\s+\S+\s+\S+\s+(\d+)s', line)
        if goal and m:
            times.setdefault(goal, {})[m.group(1)] = int(m.group(2))
    return times


def events(path):
    out = []
    for line in path.read_text().splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue
        out.append((e['timeNano'] / 1e9, e['Type'], e['Action'], e['Actor']['ID'], e['Actor'].get('Attributes', {})))
    return out


def tasks(run):
    """One dict per Swarm task, in the order the input images were pushed."""
    nodes = dict(l.split('=', 1) for l in (work / run / 'nodes').read_text().split())
    manager = events(work / run / 'manager.events')
    workers = {w: events(work / run / f'{w}.events') for w in nodes}
    found = []
    for t, typ, action, ref, _ in manager:
        m = re.search(r'/zentoo-inputs:.*-(n\d\d)-(build|assemble)$', ref)
        if typ != 'image' or action != 'push' or not m:
            continue
        # The input layer: its container of the seed, created, given the inputs, committed.
        commit, layer = max((x[0], x[3]) for x in manager if x[1] == 'container' and x[2] == 'commit' and x[0] <= t)
        begun = next(x[0] for x in manager if x[1] == 'container' and x[2] == 'create' and x[3] == layer)
        created = next(x for x in manager if x[1] == 'service' and x[2] == 'create' and x[0] >= t)
        name = created[4].get('name')
        removed = next(x[0] for x in manager if x[1] == 'service' and x[2] == 'remove' and x[4].get('name') == name)
        for w, evs in workers.items():
            mine = [x for x in evs if x[1] == 'container' and x[4].get('com.docker.swarm.service.name') == name]
            if mine:
                break
        at = {a: next((x[0] for x in mine if x[2] == a), None) for a in ('create', 'start', 'die')}
        if None in at.values():
            raise SystemExit(f'{run}: the task of service {name} has no container create, start and die in the'
                             ' workers\' events: was the run complete? Look at the *.events files')
        pulls = [x[0] for x in workers[w] if x[1] == 'image' and x[2] == 'pull' and created[0] <= x[0] <= at['create']]
        found.append({'machine': m.group(1), 'step': m.group(2), 'node': w.rsplit('-', 1)[1],
                      'layer': commit - begun, 'push': t - commit, 'pull': (pulls[-1] if pulls else at['create']) - created[0],
                      'start': at['start'] - (pulls[-1] if pulls else created[0]),
                      'run': at['die'] - at['start'], 'collect': removed - at['die']})
    return found


times = {r: summary(r) for r in runs}
machines = sorted(times[runs[0]]['build'])
print('Step time per machine (s), from the summary tables; the binhost as the store in every run:')
print()
head = ' | '.join(f'{STEPS[g]} {r}' for g in STEPS for r in runs)
print(f'| machine | {head} |')
print('|---' * (1 + len(STEPS) * len(runs)) + '|')
for m in machines:
    print(f'| {m} | ' + ' | '.join(str(times[r][g].get(m, '-')) for g in STEPS for r in runs) + ' |')
total = {(g, r): sum(times[r][g].values()) for g in STEPS for r in runs}
print('| **sum** | ' + ' | '.join(f'**{total[g, r]}**' for g in STEPS for r in runs) + ' |')
print()
print('| run | wall s (`mvn verify`) | build + assembly s | over one host, per machine | peak memory used |')
print('|---|---|---|---|---|')
base = total['build', runs[0]] + total['assemble', runs[0]]
for r in runs:
    both = total['build', r] + total['assemble', r]
    peak = (work / r / 'peak-mb').read_text().strip() if (work / r / 'peak-mb').exists() else '?'
    print(f"| {r} | {(work / r / 'wall').read_text().strip()} | {both} | "
          f"{'-' if r == runs[0] else f'+{(both - base) / len(machines):.1f} s'} | {int(peak) / 1024:.1f} GB |")

for r in runs[1:]:
    ts = tasks(r)
    print()
    print(f'Where a Swarm task\'s time went, {r} ({len(ts)} tasks; '
          + ', '.join(f'{n}: {sum(1 for t in ts if t["node"] == n)}' for n in sorted({t['node'] for t in ts}))
          + ' tasks), s, from `docker events`:')
    print()
    print('| task | node | input layer: created → committed | pushed | service created → pulled | pulled → started | ran | died → service removed |')
    print('|---|---|---|---|---|---|---|---|')
    row = lambda label, node, v: print(f'| {label} | {node} | ' + ' | '.join(
        f'{v[k]:.1f}' for k in KEYS) + ' |')
    # A node's first task pulls the seed's layers; the run's first also pushes them.
    firsts = [next(t for t in ts if t['node'] == n) for n in sorted({t['node'] for t in ts})]
    for t in firsts:
        row(f"first task on node {t['node']} ({t['machine']} {STEPS[t['step']]})", t['node'], t)
    for step in STEPS:
        rest = [t for t in ts if t['step'] == step and t not in firsts]
        if rest:
            row(f'other {len(rest)} {STEPS[step]} tasks, median', '', {k: statistics.median(t[k] for t in rest)
                                                                      for k in KEYS})
