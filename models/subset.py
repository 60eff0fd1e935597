"""Copy the rows of a shard folder whose edited cells have a given target colour into a new shard folder.

Listing the copy next to the full set in train.py's --data oversamples those edits (phase 5 of reproduce.sh:
gray objects the decoder redrew came out green).

    /usr/bin/python3 models/subset.py --data data/edits-train-canon --color gray --out data/edits-train-canon-gray
"""
import argparse
import json
import os

import numpy as np

from data import Shards


def edited_with_color(shards, color):
    """Row indices whose edited cells (changed, non-empty after the edit) include one of colour index `color`."""
    src, tgt = np.asarray(shards['cells_src']), np.asarray(shards['cells_tgt'])
    edited = (src != tgt).any(-1) & (tgt[..., 0] >= 0)
    return np.nonzero((edited & (tgt[..., 1] == color)).any(-1))[0]


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
    ap.add_argument('--color', required=True)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    shards = Shards(a.data)
    colors = shards.index['colors']
    if a.color not in colors:
        raise SystemExit(f'--color {a.color!r} is not one of {", ".join(colors)}')
    rows = edited_with_color(shards, colors.index(a.color))
    if len(rows) == 0:
        raise SystemExit(f'{a.data} has no edit to a {a.color} object; nothing written')
    write_subset(shards, rows, a.out)
    print(f'{len(rows)} of {shards.count} rows -> {a.out}')


if __name__ == '__main__':
    main()
