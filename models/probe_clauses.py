"""Probe: do held-out relative clauses ("the square which is blue") fail for the clause or for the word order?

Takes the plain held-out turns whose reference carries "which/that is|are <color>", rewrites each instruction
(clause as written / "which is" dropped / "of blue color" / adjective moved before the noun) and reports, per
checkpoint, the share of turns whose cell code gets every edited cell right. Only the text changes; scenes,
history and targets stay.

    /usr/bin/python3 models/probe_clauses.py --edits data/edits-heldout models/runs/shapes-distill/ckpt.pt [...]
"""
import argparse
import json
import os
import re

import numpy as np
import torch

from blocks import CELL_HEADS
from checkpoint import load_checkpoint
from data import open_shards, to_batch
from recognizer import predict_cells
from tokenizer import LEXICON_PATH, encode

CLAUSE = re.compile(r'\b(which|that) (is|are) (\w+)\b')
REWRITES = {
    'as written': lambda t: t,
    'clause words dropped': lambda t: CLAUSE.sub(r'\3', t, 1),
    '"of <color> color"': lambda t: CLAUSE.sub(r'of \3 color', t, 1),
    'adjective before the noun': lambda t: re.sub(r'(\w+) (which|that) (is|are) (\w+)\b', r'\4 \1', t, 1),
}


def color_words(lexicon):
    return {w for w, cs in lexicon['words'].items() if any(lexicon['classes'][c].startswith('COLOR_WORDS') for c in cs)}


def clause_turns(rows, colors):
    """Indices of plain turns with a colour relative clause."""
    out = []
    for i, r in enumerate(rows):
        m = CLAUSE.search(r['text'].lower())
        if r['kind'] == 'plain' and m and m.group(3) in colors:
            out.append(i)
    return out


@torch.no_grad()
def score(model, batch, tokens):
    """Share of rows whose cell code is right on every edited cell, the instruction given as tokens (N, L)."""
    V, vbar, _, s2 = model.image(batch['src'])
    ctx = batch['ctx_tokens']
    t = model.turn(tokens, V, vbar, history=[(ctx, (ctx != 0).any(1, keepdim=True).float())], context=ctx)
    pred = predict_cells(model.decoder.cell_logits(t['fused'], s2).split(list(CELL_HEADS), -1))
    empty = lambda c: torch.where(c[..., :1] < 0, torch.full_like(c, -1), c).long()
    src, tgt = empty(batch['cells_src']), empty(batch['cells_tgt'])
    edited = (src != tgt).any(-1)
    return float((((pred == tgt).all(-1)) | ~edited).all(1).float().mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ckpts', nargs='+')
    ap.add_argument('--edits', required=True, help='held-out edit shards with examples.jsonl')
    ap.add_argument('--limit', type=int, default=2000)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(LEXICON_PATH) as f:
        colors = color_words(json.load(f))
    with open(os.path.join(a.edits, 'examples.jsonl')) as f:
        rows = [json.loads(line) for line in f][:a.limit]
    index, arrays = open_shards(a.edits)
    sel = clause_turns(rows, colors)
    if not sel:
        raise SystemExit(f'{a.edits}: no plain turn with a colour relative clause in the first {a.limit}')
    batch = to_batch(arrays, np.array(sel))
    print(f'{len(sel)} plain held-out turns with a colour relative clause')
    for path in a.ckpts:
        model, _ = load_checkpoint(path)
        model.eval()
        got = {k: score(model, batch, torch.tensor([encode(f(rows[i]['text'].lower()), index['max_len']) for i in sel]))
               for k, f in REWRITES.items()}
        print(path, ' | '.join(f'{k} {v:.3f}' for k, v in got.items()), flush=True)


if __name__ == '__main__':
    main()
