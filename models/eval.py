"""Evaluate a model pack (the shipped files, int8 included) or a checkpoint on held-out data.

    /usr/bin/python3 models/eval.py --pack models/packs/shapes-v1 --edits data/edits-heldout \
        --chains data/chains-heldout [--fp32 models/runs/shapes/pack-fp32] [--write]
    /usr/bin/python3 models/eval.py --pack models/packs/cosal-v1 --cosal data/cosal-k4 data/cosal-k6 data/cosal-k8 --write
    /usr/bin/python3 models/eval.py --ckpt models/runs/abl-no-memory/ckpt.pt --recognizer-pack models/packs/shapes-v1 ...
Every turn's output is rounded to 8-bit pixels, as the app stores it; chained turns run on the model's own
previous output with the tracker state carried over. --write stores the metrics in the pack's manifest.
"""
import argparse
import json
import os

import numpy as np
import torch

from checkpoint import load_checkpoint
from data import open_shards, to_batch
from losses import psnr, ssim
from pack import load_pack
from recognizer import cell_accuracy, load_recognizer, predict_cells

COSAL_PALETTE = torch.tensor([[255, 255, 255], [0, 0, 255], [0, 255, 0], [255, 0, 0], [0, 0, 0], [128, 128, 128],
                              [255, 255, 0]], dtype=torch.float32) / 255


def u8(x):
    return (x.clamp(0, 1) * 255).round() / 255


def cell_masks(S, cells=3):
    """(9, S, S) bool: the pixels of each scene cell (cell c covers [c*S/3, (c+1)*S/3), rounded outwards)."""
    m = torch.zeros(cells * cells, S, S, dtype=torch.bool)
    for c in range(cells * cells):
        r, k = divmod(c, cells)
        y0, y1 = int(np.floor(r * S / cells)), int(np.ceil((r + 1) * S / cells))
        x0, x1 = int(np.floor(k * S / cells)), int(np.ceil((k + 1) * S / cells))
        m[c, y0:y1, x0:x1] = True
    return m


class Meter:
    """Accumulates per-turn figures: cell accuracy (all cells / edited cells), SSIM, PSNR, outside change, steps."""
    def __init__(self, S):
        self.masks, self.v = cell_masks(S), {}

    def add(self, key, values):
        self.v.setdefault(key, []).extend(values if isinstance(values, list) else [values])

    def turn(self, rec, out, inp, tgt, cells_before, cells_after, steps=None, prefix=''):
        pred = predict_cells(rec(out))                                           # (B, 9, 4)
        after = torch.where(cells_after[..., :1] < 0, torch.full_like(cells_after, -1), cells_after).long()
        ok = (pred == after).all(-1)                                             # (B, 9)
        edited = (cells_before.long() != cells_after.long()).any(-1)             # (B, 9)
        self.add(prefix + 'cell_acc', ok.float().mean(1).tolist())
        self.add(prefix + 'edited_cell_acc', ok[edited].float().tolist())
        self.add(prefix + 'ssim', ssim(out, tgt).tolist())
        self.add(prefix + 'psnr', psnr(out, tgt).tolist())
        inside = (edited.float() @ self.masks.flatten(1).float()).view(-1, *self.masks.shape[1:]) > 0   # (B, S, S)
        moved = ((out - inp).abs() > 0.5 / 255).any(1)                           # (B, S, S) any 8-bit change
        self.add(prefix + 'outside_change_pct', (100 * (moved & ~inside).float().mean((1, 2))).tolist())
        if steps is not None:
            self.add(prefix + 'steps_per_region', steps.float().mean((1, 2)).tolist())
        return ok

    def result(self):
        return {k: round(float(np.mean(v)), 5) for k, v in self.v.items() if v}


@torch.no_grad()
def eval_edits(model, rec, folder, limit=2000, batch=100):
    index, a = open_shards(folder)
    n = min(limit, index['count'])
    m = Meter(index['image_size'])
    per_op, per_kind = {}, {}
    for i in range(0, n, batch):
        b = to_batch(a, np.arange(i, min(n, i + batch)))
        ctx = b['ctx_tokens']                                                    # previous instruction, if any
        r = model(b['tokens'], b['src'], history=[(ctx, (ctx != 0).any(1, keepdim=True).float())], context=ctx)
        out = u8(r['out'])
        ok = m.turn(rec, out, b['src'], b['tgt'], b['cells_src'], b['cells_tgt'], r['steps'])
        edited = (b['cells_src'].long() != b['cells_tgt'].long()).any(-1)
        for op, k, e in zip(b['op'].tolist(), ok, edited):
            per_op.setdefault(index['ops'][op], []).extend(k[e].float().tolist())
        for kind, k, e in zip(b.get('kind', torch.zeros(0)).tolist(), ok, edited):   # plain, pronoun, same, ...
            per_kind.setdefault(index['example_kinds'][kind], []).extend(k[e].float().tolist())
        m.add('clean_recognizer_acc', cell_accuracy(predict_cells(rec(b['tgt'])), b['cells_tgt']))
    res = m.result()
    res['edited_cell_acc_by_op'] = {k: round(float(np.mean(v)), 4) for k, v in sorted(per_op.items())}
    res['edited_cell_acc_by_kind'] = {k: round(float(np.mean(v)), 4) for k, v in sorted(per_kind.items())}
    res['examples'] = n
    return res


@torch.no_grad()
def eval_chains(model, rec, folder, limit=500, batch=100, context=True):
    """context: each turn also gets the previous turn's words (a model with context_words; not canonical turns,
    which stand alone as the app sends them)."""
    index, a = open_shards(folder)
    n, T = min(limit, index['count']), index['turns']
    m = Meter(index['image_size'])
    for i in range(0, n, batch):
        b = to_batch(a, np.arange(i, min(n, i + batch)))
        img, h = b['src'], None
        for t in range(T):
            tgt = b['tgt'][:, t].permute(0, 3, 1, 2).float() / 255
            prev = b['tokens'][:, t - 1] if t > 0 and context else torch.zeros_like(b['tokens'][:, t])
            r = model(b['tokens'][:, t], img, h, context=prev)
            out = u8(r['out'])
            m.turn(rec, out, img, tgt, b['cells'][:, t], b['cells'][:, t + 1], r['steps'], prefix=f'turn{t + 1}_')
            img, h = out, r['h']
    res = m.result()
    res['chains'] = n
    return res


@torch.no_grad()
def eval_cosal(model, folder, limit=1000, batch=100):
    """Mean IoU over the 7 classes (6 colors + background), output pixels classified to the nearest palette color."""
    index, a = open_shards(folder)
    n = min(limit, index['count'])
    inter, union = torch.zeros(7), torch.zeros(7)
    extra = {'steps_per_region': [], 'outside_change_pct': [], 'ssim': []}
    for i in range(0, n, batch):
        b = to_batch(a, np.arange(i, min(n, i + batch)))
        r = model(b['tokens'], b['src'])
        out = u8(r['out'])                                                        # (B, 3, S, S)
        moved = ((out - b['src']).abs() > 0.5 / 255).any(1) & (b['changed'][:, 0] == 0)
        extra['outside_change_pct'] += (100 * moved.float().mean((1, 2))).tolist()
        extra['steps_per_region'] += r['steps'].float().mean((1, 2)).tolist()
        extra['ssim'] += ssim(out, b['tgt']).tolist()
        d = ((out.permute(0, 2, 3, 1)[..., None, :] - COSAL_PALETTE) ** 2).sum(-1)   # (B, S, S, 7)
        pred, lab = d.argmin(-1), b['labels']
        for k in range(7):
            inter[k] += ((pred == k) & (lab == k)).sum()
            union[k] += ((pred == k) | (lab == k)).sum()
    iou = inter / union.clamp(min=1)
    res = {'mean_iou': round(iou.mean().item(), 5), 'per_class_iou': [round(x, 4) for x in iou.tolist()], 'examples': n}
    res.update({k: round(float(np.mean(v)), 5) for k, v in extra.items()})
    return res


CANONICAL_KEYS = ('cell_acc', 'edited_cell_acc', 'ssim', 'outside_change_pct')   # the figures kept per extra set


def pick(r, keys, prefix=''):
    return {prefix + k: r[k] for k in keys}


def cosal_k(folder):
    """The k (direct sentences) a CoSaL shard folder was generated with, for metric names."""
    with open(os.path.join(folder, 'index.json'), encoding='utf-8') as f:
        return json.load(f).get('k', os.path.basename(folder))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pack', help='pack folder to evaluate (int8 or fp32)')
    ap.add_argument('--ckpt', help='or a checkpoint (ablations); uses --recognizer-pack for the recognizer')
    ap.add_argument('--recognizer-pack', default=None)
    ap.add_argument('--recognizer', default=None, help='or a recognizer checkpoint')
    ap.add_argument('--fp32', help='the fp32 pack the int8 one was quantized from (size/accuracy comparison)')
    ap.add_argument('--edits')
    ap.add_argument('--chains')
    ap.add_argument('--edits-canonical', help="the same kind of held-out edits worded as the dialogue layer's canonical "
                    'instructions (what the app sends the model)')
    ap.add_argument('--chains-canonical')
    ap.add_argument('--cosal', nargs='*', default=[])
    ap.add_argument('--limit', type=int, default=2000)
    ap.add_argument('--knockout', action='store_true',
                    help='also evaluate with each mechanism switched off in the trained model (no retraining)')
    ap.add_argument('--write', action='store_true', help='store metrics in the pack manifest')
    ap.add_argument('--out', help='also write the metrics JSON here')
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.pack:
        model, rec, man = load_pack(a.pack)
    else:
        model, _ = load_checkpoint(a.ckpt)
        rec = load_pack(a.recognizer_pack)[1] if a.recognizer_pack else load_recognizer(a.recognizer) if a.recognizer else None
    metrics = {}
    if a.edits:
        metrics['one_turn'] = eval_edits(model, rec, a.edits, a.limit)
    if a.chains:
        metrics['chains'] = eval_chains(model, rec, a.chains, a.limit // 4)
    if a.edits_canonical:
        metrics['one_turn_canonical'] = eval_edits(model, rec, a.edits_canonical, a.limit)
    if a.chains_canonical:
        metrics['chains_canonical'] = eval_chains(model, rec, a.chains_canonical, a.limit // 4, context=False)
    for folder in a.cosal:
        metrics[f'cosal_k{cosal_k(folder)}'] = eval_cosal(model, folder, a.limit)
    if a.knockout and (a.edits or a.cosal):
        metrics['knockout'] = {}
        flags = ('use_attention', 'use_termination', 'use_mask', 'use_memory', 'use_tracker')
        for flag in flags + (('context_words',) if model.c.context_words else ()):
            setattr(model.c, flag, False)
            ko = metrics['knockout']['no_' + flag.removeprefix('use_')] = {}
            if a.edits:
                r = eval_edits(model, rec, a.edits, a.limit // 2)
                ko.update({k: r[k] for k in ('cell_acc', 'edited_cell_acc', 'ssim', 'outside_change_pct', 'steps_per_region',
                                              'edited_cell_acc_by_kind')})
            if a.edits_canonical:
                r = eval_edits(model, rec, a.edits_canonical, a.limit // 2)
                ko.update(pick(r, CANONICAL_KEYS, 'canonical_'))
            for folder in a.cosal:
                r, k = eval_cosal(model, folder, a.limit // 2), cosal_k(folder)
                ko.update({f'cosal_k{k}_mean_iou': r['mean_iou'], f'cosal_k{k}_steps_per_region': r['steps_per_region']})
            setattr(model.c, flag, True)
    if a.fp32:                                   # the same figures for the fp32 pack it was quantized from
        fm, frec, fman = load_pack(a.fp32)
        f = {'pack_bytes': sum(x['bytes'] for x in fman['files'].values())}
        if a.edits:
            r = eval_edits(fm, frec, a.edits, a.limit)
            f.update({k: r[k] for k in ('cell_acc', 'edited_cell_acc', 'ssim', 'psnr', 'outside_change_pct')})
        if a.edits_canonical:
            r = eval_edits(fm, frec, a.edits_canonical, a.limit)
            f.update(pick(r, CANONICAL_KEYS, 'canonical_'))
        for folder in a.cosal:
            f[f'cosal_k{cosal_k(folder)}_mean_iou'] = eval_cosal(fm, folder, a.limit)['mean_iou']
        metrics['fp32'] = f
        if a.pack:
            metrics['int8_vs_fp32_size'] = round(sum(x['bytes'] for x in man['files'].values()) / f['pack_bytes'], 4)
    print(json.dumps(metrics, indent=1))
    if a.out:
        json.dump(metrics, open(a.out, 'w'), indent=1)
    if a.write and a.pack:
        man['metrics'] = dict(man.get('metrics') or {}, **metrics)
        with open(os.path.join(a.pack, 'manifest.json'), 'w') as fh:
            json.dump(man, fh, indent=1)


if __name__ == '__main__':
    main()
