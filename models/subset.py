"""Copy the rows of a shard folder whose edited cells have a given target shape, colour and/or texture, or whose edit
is of a given operation, into a new folder.

Listing the copy next to the full set in train.py's --data oversamples those edits (phase 5 of reproduce.sh:
gray objects the decoder redrew came out green; dotted and striped ones it drew are the app's most common misses).

    /usr/bin/python3 models/subset.py --data data/edits-train-canon --color gray --out data/edits-train-canon-gray
    /usr/bin/python3 models/subset.py --data data/edits-train-canon --texture dotted,striped --out data/edits-train-canon-tex
    /usr/bin/python3 models/subset.py --data data/edits-train-canon --op move,swap --out data/edits-train-canon-moves
    /usr/bin/python3 models/subset.py --data data/edits-train-canon --shape hexagon,circle --out data/edits-train-canon-hex
"""
import argparse
import json
import os

import numpy as np

from data import Shards


SHAPE, COLOR, TEXTURE = 0, 1, 3  # columns of a cell row: shape, colour, size, texture


def edited_with(shards, colors=None, textures=None, ops=None, shapes=None):
    """Row indices with an edited cell (changed, non-empty after the edit) whose target colour is one of `colors`,
    texture one of `textures` and shape one of `shapes`, in a row whose operation is one of `ops` (index lists; None
    accepts any)."""
    src, tgt = np.asarray(shards['cells_src']), np.asarray(shards['cells_tgt'])
    hit = (src != tgt).any(-1) & (tgt[..., 0] >= 0)
    if ops is not None:
        hit &= np.isin(np.asarray(shards['op']), ops)[:, None]
    for column, wanted in ((SHAPE, shapes), (COLOR, colors), (TEXTURE, textures)):
        if wanted is not None:
            hit &= np.isin(tgt[..., column], wanted)
    return np.nonzero(hit.any(-1))[0]


def write_subset(shards, rows, out):
    """Writes the given rows of every field, with an index.json that says how many there are."""
    os.makedirs(out, exist_ok=True)
    index = dict(shards.index, count=int(len(rows)), fields={})
    for name, spec in shards.index['fields'].items():
        np.ascontiguousarray(np.asarray(shards[name])[rows]).tofile(os.path.join(out, spec['file']))
        index['fields'][name] = dict(spec, shape=[int(len(rows))] + list(spec['shape'][1:]))
    with open(os.path.join(out, 'index.json'), 'w', encoding='utf-8') as f:
        json.dump(index, f, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--shape', help='comma-separated target shapes')
    ap.add_argument('--color', help='comma-separated target colours')
    ap.add_argument('--texture', help='comma-separated target textures')
    ap.add_argument('--op', help='comma-separated edit operations (move, swap, recolor, ...)')
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    if not (a.shape or a.color or a.texture or a.op):
        raise SystemExit('give --shape, --color, --texture and/or --op')
    shards = Shards(a.data)
    picked = {}
    for key, arg in (('shapes', a.shape), ('colors', a.color), ('textures', a.texture), ('ops', a.op)):
        if not arg:
            continue
        names = shards.index[key]
        for w in arg.split(','):
            if w not in names:
                raise SystemExit(f'--{key[:-1]} {w!r} is not one of {", ".join(names)}')
        picked[key] = [names.index(w) for w in arg.split(',')]
    rows = edited_with(shards, **picked)
    if len(rows) == 0:
        obj = ' '.join(x for x in (a.color, a.texture, a.shape) if x)
        raise SystemExit(f'{a.data} has no {a.op + " " if a.op else ""}edit' + (f' to a {obj} object' if obj else '') +
                         '; nothing written')
    write_subset(shards, rows, a.out)
    print(f'{len(rows)} of {shards.count} rows -> {a.out}')


if __name__ == '__main__':
    main()
