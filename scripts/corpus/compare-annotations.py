#!/usr/bin/env python3
"""Compares a blind writer's expected scenes with an independent annotator's, turn by turn.

A dialogue agrees when every turn expects the same thing (the same scene, or a question). For one that does
not, it prints the first turn where the two part, with both readings as cell changes.
Usage: python3 scripts/corpus/compare-annotations.py WRITER.jsonl ANNOTATED.jsonl [--json OUT]
"""
import json
import sys

PLACES = ['top left', 'top middle', 'top right', 'middle left', 'center', 'middle right', 'bottom left', 'bottom middle', 'bottom right']


def words(o):
    return 'empty' if o is None else f'{o["size"]} {o["texture"]} {o["color"]} {o["shape"]}'


def change(a, b):
    d = [f'{PLACES[i]}: {words(x)} -> {words(y)}' for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x != y]
    return '; '.join(d) or 'no change'


def load(path):
    return {d['id']: d for d in (json.loads(line) for line in open(path) if line.strip())}


def main():
    w, a = load(sys.argv[1]), load(sys.argv[2])
    parted = []
    for did, d in w.items():
        other = a[did]
        cur_w = cur_a = d['scene']
        for n, (tw, ta) in enumerate(zip(d['turns'], other['turns'])):
            ew, ea = tw['expect'], ta['expect']
            if ew != ea:
                rw = 'ask a question' if ew == {'clarify': True} else change(cur_w, ew)
                ra = 'ask a question' if ea == {'clarify': True} else change(cur_a, ea)
                parted.append({'id': did, 'turn': n, 'user': tw['user'], 'writer': rw, 'annotator': ra, 'note': ta.get('note', '')})
                break
            if ew != {'clarify': True}:
                cur_w, cur_a = ew, ea
    turns = sum(len(d['turns']) for d in w.values())
    print(f'{len(w)} dialogues, {turns} turns: {len(w) - len(parted)} agree throughout, {len(parted)} part')
    for p in parted:
        print(f"  {p['id']} turn {p['turn']}: {p['user']!r}\n    writer:    {p['writer']}\n    annotator: {p['annotator']}" + (f"\n    note: {p['note']}" if p['note'] else ''))
    if '--json' in sys.argv:
        json.dump(parted, open(sys.argv[sys.argv.index('--json') + 1], 'w'), indent=1)


if __name__ == '__main__':
    main()
