"""Held-out figures of an edit model on shards: one turn (scene cells read by the recognizer, SSIM, PSNR, pixels
changed outside the edited cells), chained turns on the model's own previous outputs, CoSaL IoU. Every turn's output
is rounded to 8-bit pixels, as the app stores it.

eval.py reports them for a pack or a checkpoint; export.py chooses a pack's mask thresholds by them.

    from metrics import eval_chains, eval_cosal, eval_edits
    eval_edits(model, recognizer, 'data/edits-heldout', limit=2000)   # {'cell_acc': ..., 'edited_cell_acc': ..., ...}
"""
import numpy as np
import torch

from data import open_shards, to_batch
from losses import psnr, ssim
from recognizer import cell_accuracy, predict_cells

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
