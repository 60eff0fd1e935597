#!/usr/bin/env python3
"""Checks a blind writer's dialogue file and prints what each turn changes, so the writer can re-read it.

Usage: python3 check.py FILE.jsonl [--scenes DIR]
Standalone on purpose: writers see this file, the spec and their scenes, and nothing of Parley's code.
"""
import json
import sys
from pathlib import Path

SHAPES = {'circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'cross', 'heart'}
COLORS = {'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'gray'}
SIZES = {'small', 'medium', 'large'}
TEXTURES = {'solid', 'striped', 'dotted'}
PLACES = ['top left', 'top middle', 'top right', 'middle left', 'center', 'middle right',
          'bottom left', 'bottom middle', 'bottom right']


def check_scene(s, where):
    if not isinstance(s, dict) or s.get('domain') != 'shapes-v1' or not isinstance(s.get('cells'), list):
        return [f'{where}: a scene needs "domain": "shapes-v1" and "cells"']
    if len(s['cells']) != 9:
        return [f'{where}: a scene has exactly 9 cells, got {len(s["cells"])}']
    errs = []
    for i, c in enumerate(s['cells']):
        if c is None:
            continue
        if not isinstance(c, dict) or set(c) != {'shape', 'color', 'size', 'texture'}:
            errs.append(f'{where} cell {i}: an object has exactly shape, color, size, texture')
            continue
        for key, allowed in (('shape', SHAPES), ('color', COLORS), ('size', SIZES), ('texture', TEXTURES)):
            if c[key] not in allowed:
                errs.append(f'{where} cell {i}: {key} "{c[key]}" is not one of {sorted(allowed)}')
    return errs


def words(o):
    return 'empty' if o is None else f'{o["size"]} {o["texture"]} {o["color"]} {o["shape"]}'


def diff(a, b):
    out = [f'{PLACES[i]} (cell {i}): {words(x)} -> {words(y)}' for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x != y]
    return out or ['no change']


def main():
    path = Path(sys.argv[1])
    scenes = Path(sys.argv[sys.argv.index('--scenes') + 1]) if '--scenes' in sys.argv else path.parent / 'scenes'
    errors, ids, turns, clarify = [], set(), 0, 0
    for n, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f'line {n}: not JSON ({e})')
            continue
        where = f'line {n}'
        if not isinstance(d.get('id'), str) or d['id'] in ids:
            errors.append(f'{where}: "id" must be a unique string')
        ids.add(d.get('id'))
        ref = scenes / f'{d.get("scene_file", "")}.json'
        if not ref.is_file():
            errors.append(f'{where}: "scene_file" must name one of your scenes, e.g. "s01"')
        elif json.loads(ref.read_text()) != d.get('scene'):
            errors.append(f'{where}: "scene" differs from {ref.name}; copy it exactly')
        errors += check_scene(d.get('scene'), f'{where} scene')
        if not isinstance(d.get('turns'), list) or not d['turns']:
            errors.append(f'{where}: "turns" must be a non-empty list')
            continue
        current, pending = d.get('scene'), False
        print(f'== {d.get("id")}')
        for t, turn in enumerate(d['turns']):
            turns += 1
            user, expect = turn.get('user'), turn.get('expect')
            if not isinstance(user, str) or not user.strip():
                errors.append(f'{where} turn {t}: "user" must be non-empty text')
            if expect == {'clarify': True}:
                clarify += 1
                print(f'  {t}. {user!r} -> Parley asks a question')
                if pending:
                    print('     (note: two questions in a row)')
                pending = True
                continue
            errs = check_scene(expect, f'{where} turn {t} expect')
            errors += errs
            if not errs and not check_scene(current, 'x'):
                print(f'  {t}. {user!r} -> ' + '; '.join(diff(current, expect)))
                current = expect
            pending = False
        if pending:
            errors.append(f'{where}: the last turn is a question; add the turn that answers it')
    for e in errors:
        print('ERROR', e)
    print(f'{len(ids)} dialogues, {turns} turns ({clarify} expect a question), {len(errors)} errors')
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
