"""Scene recognizer: 64x64 image -> per cell shape-or-empty (9), color (8), size (3), texture (3).

It measures cell accuracy in eval.py and lets the app read scenes off model outputs and uploads.

    nice -n 10 /usr/bin/python3 models/recognizer.py --data data/edits-train --val data/edits-heldout \
        --out models/runs/recognizer --steps 3000
"""
import argparse
import math
import os
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from blocks import CELL_HEADS, cell_pool_matrix, pool_cells
from data import batches, open_shards, to_batch

HEADS = tuple(zip(('shape', 'color', 'size', 'texture'), CELL_HEADS))


@dataclass
class RecConfig:
    image_size: int = 64
    width: int = 32


class Recognizer(nn.Module):
    """image (B, 3, S, S) -> shape (B, 9, 9), color (B, 9, 8), size (B, 9, 3), texture (B, 9, 3) logits."""
    def __init__(self, c):
        super().__init__()
        self.c = c
        w = c.width
        chans = [(3, w // 2, 1), (w // 2, w, 2), (w, w, 1), (w, 2 * w, 2), (2 * w, 2 * w, 1), (2 * w, 3 * w, 2), (3 * w, 3 * w, 1)]
        self.convs = nn.ModuleList(nn.Conv2d(a, b, 3, s, 1) for a, b, s in chans)
        self.residual = [a == b and s == 1 for a, b, s in chans]
        self.pos = nn.Parameter(torch.zeros(9, 3 * w))
        self.head = nn.Linear(3 * w, sum(n for _, n in HEADS))
        self.register_buffer('cell_pool', cell_pool_matrix(c.image_size, c.image_size // 8, 3), persistent=False)

    def forward(self, image):
        x = image * 2 - 1
        for conv, res in zip(self.convs, self.residual):
            y = F.relu(conv(x))
            x = y + x if res else y                                           # (B, 3w, S/8, S/8) at the end
        cells = pool_cells(self.cell_pool, x) + self.pos                     # (B, 9, C)
        out = self.head(F.relu(cells))                                        # (B, 9, 23)
        return tuple(out.split([n for _, n in HEADS], -1))


def load_recognizer(path):
    """A recognizer.pt written by main() -> Recognizer in eval mode."""
    ck = torch.load(path, map_location='cpu')
    rec = Recognizer(RecConfig(**ck['config']))
    rec.load_state_dict(ck['model'])
    return rec.eval()


def cell_targets(cells):
    """cells (B, 9, 4) int8 with -1 = empty -> long targets; shape 0 = empty, others ignored (-100) when empty."""
    cells = cells.long()
    empty = cells[..., 0] < 0
    shape = torch.where(empty, torch.zeros_like(cells[..., 0]), cells[..., 0] + 1)
    rest = [torch.where(empty, torch.full_like(cells[..., k], -100), cells[..., k]) for k in (1, 2, 3)]
    return [shape] + rest


def cell_loss(logits, cells, weight=None):
    """Sum over the four heads of the mean cross-entropy per cell; weight (B, 9) scales cells (default 1)."""
    total = 0
    for l, t in zip(logits, cell_targets(cells)):
        ce = F.cross_entropy(l.flatten(0, 1), t.flatten(), ignore_index=-100, reduction='none')   # (B*9,)
        w = (t.flatten() != -100).float() * (1 if weight is None else weight.flatten())
        total = total + (ce * w).sum() / w.sum().clamp(min=1)
    return total


def predict_cells(logits):
    """-> (B, 9, 4) long in the shards' layout (-1 everywhere for an empty cell)."""
    shape = logits[0].argmax(-1) - 1
    out = torch.stack([shape] + [l.argmax(-1) for l in logits[1:]], -1)
    return torch.where(shape[..., None] < 0, torch.full_like(out, -1), out)


def cell_accuracy(pred, cells):
    """Fraction of cells whose shape, color, size and texture all match (empty must be predicted empty)."""
    cells = cells.long()
    cells = torch.where(cells[..., :1] < 0, torch.full_like(cells, -1), cells)
    return (pred == cells).all(-1).float().mean().item()


def augment(x, gen=None):
    """Light noise / blur / contrast jitter so model outputs are read like renders. x (B, 3, S, S)."""
    B = x.shape[0]
    k = torch.tensor([[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]]) / 16
    blur = F.conv2d(F.pad(x, (1, 1, 1, 1), mode='replicate'), k.expand(3, 1, 3, 3).to(x), groups=3)
    wb = (torch.rand(B, 1, 1, 1, generator=gen) * 0.6).to(x) * (torch.rand(B, 1, 1, 1, generator=gen) < 0.5).to(x)
    x = (1 - wb) * x + wb * blur
    x = x + torch.randn(x.shape, generator=gen).to(x) * torch.rand(B, 1, 1, 1, generator=gen).to(x) * 0.06
    return x.clamp(0, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--val', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--steps', type=int, default=3000)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--width', type=int, default=32)
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    (index, train), (_, val) = open_shards(a.data), open_shards(a.val)
    c = RecConfig(image_size=index['image_size'], width=a.width)
    model = Recognizer(c)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(a.seed)
    t0 = time.time()
    for step, batch in zip(range(a.steps), batches(train, a.batch, seed=11 + a.seed)):
        for g in opt.param_groups:
            g['lr'] = a.lr * min(1.0, (step + 1) / 100) * 0.5 * (1 + math.cos(math.pi * step / a.steps))
        x = torch.cat([batch['src'], batch['tgt']])                         # (2B, 3, S, S)
        y = torch.cat([batch['cells_src'], batch['cells_tgt']])
        loss = cell_loss(model(augment(x, gen)), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if (step + 1) % 100 == 0:
            print(f'step {step + 1}/{a.steps} loss {loss.item():.4f} {time.time() - t0:.0f}s', flush=True)
    model.eval()
    n = min(2000, len(val['tgt']))
    with torch.no_grad():
        accs = [cell_accuracy(predict_cells(model(b['tgt'])), b['cells_tgt'])
                for b in (to_rows(val, i, min(n, i + 250)) for i in range(0, n, 250))]
    acc = sum(accs) / len(accs)
    print(f'clean-render cell accuracy {acc:.4f} on {n} held-out targets')
    torch.save({'config': asdict(c), 'model': model.state_dict(), 'clean_accuracy': acc, 'steps': a.steps},
               os.path.join(a.out, 'recognizer.pt'))


def to_rows(arrays, i, j):
    return to_batch(arrays, np.arange(i, j))


if __name__ == '__main__':
    main()
