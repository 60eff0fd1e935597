"""Whole-turn PyTorch reference for the runtime's pipelines (workers/runtime), on the tiny fixture packs.

Runs two chained turns (the second on the first's output, with its tracker state) through `load_pack`'s
EditModel in eval mode and writes test/fixtures/models/tiny-turns.json; `variants` run a pack with manifest config
values replaced (a stop threshold at which some regions stop after one step, where at 0.5 none does). Usage:
    /usr/bin/python3 models/turn_fixture.py
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from pack import load_pack  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models')
TEXTS = ['w2 w5 w7 w3', 'w9 w4']
# The tiny packs' gates sit at p = 0.25..0.275; at 0.267 every decision is >= 2e-3 away from it.
VARIANTS = {'tiny-fp32 at stop_threshold 0.267': ('tiny-fp32', {'stop_threshold': 0.267})}


def flat(t):
    return [round(float(v), 7) for v in t.detach().reshape(-1).tolist()]


def run(pack, config=None):
    """config: manifest config values to replace, as the runtime would read them."""
    model, _, man = load_pack(os.path.join(ROOT, pack))
    for k, v in (config or {}).items():
        setattr(model.c, k, v)
    vocab = json.load(open(os.path.join(ROOT, pack, man['tokenizer']['vocab'])))
    S, L = man['image_size'], man['tokenizer']['max_len']
    rgba = np.random.RandomState(7).randint(0, 256, size=(S, S, 4)).astype(np.uint8)
    rgba[..., 3] = 255
    image = torch.from_numpy(rgba[..., :3].astype(np.float32) / 255).permute(2, 0, 1)[None]
    h, turns = None, []
    for text in TEXTS:
        ids = [vocab.index(w) for w in text.split()]
        tokens = torch.zeros(1, L, dtype=torch.int64)
        tokens[0, :len(ids)] = torch.tensor(ids)
        with torch.no_grad():
            r = model(tokens, image, h)
        turns.append(dict(text=text, out=flat(r['out']), m=flat(r['m']), steps=flat(r['steps']),
                          beta=flat(r['beta']), h=flat(r['h'])))
        # The next turn edits this turn's output as the app does: quantized to 8-bit RGB.
        image = torch.round(r['out'].clamp(0, 1) * 255) / 255
        h = r['h']
    return dict(image=rgba.reshape(-1).tolist(), size=S, turns=turns)


def main():
    torch.manual_seed(0)
    out = {'generator': 'models/turn_fixture.py', 'packs': {p: run(p) for p in ('tiny-fp32', 'tiny-int8')},
           'variants': {name: dict(run(p, config), pack=p, config=config) for name, (p, config) in VARIANTS.items()}}
    path = os.path.join(ROOT, 'tiny-turns.json')
    json.dump(out, open(path, 'w'))
    print('wrote', path)


if __name__ == '__main__':
    main()
