"""Start a training run (step 0, fresh optimizer) from a committed pack or from another run's checkpoint.

From a pack (its int8 weights, dequantized) the model may get a changed decoder: conv inputs the old decoder did
not have (the cell code) get zero weights and a new CellMix, CellCopy or Fourier step starts with a zero output, so the new
model starts out computing exactly what the pack computes. Switches the pack already has stay on.
train.py then resumes from the written checkpoint with its own flags, e.g. --train-only decoder.

    /usr/bin/python3 models/warm_start.py --pack models/packs/shapes-v1 --out models/runs/shapes-code --cell-code
    /usr/bin/python3 models/warm_start.py --ckpt models/runs/shapes-code/ckpt.pt --out models/runs/shapes-code-all
"""
import argparse
import os
from dataclasses import asdict, replace

import torch

from checkpoint import load_checkpoint, save_checkpoint
from model import EditModel
from pack import load_pack
from train import TrainConfig


def widen(new, old):
    """old weight -> new shape: copies the overlap, zeros elsewhere (extra input channels start switched off)."""
    if new.shape == old.shape:
        return old
    out = torch.zeros(new.shape, dtype=old.dtype)
    out[tuple(slice(0, n) for n in old.shape)] = old
    return out


def mem_key_weight(mem, kmem):
    """Wk (K, D) with Kmem = Mem Wk^T, by least squares (the pack stores only the product)."""
    return torch.linalg.lstsq(mem, kmem).solution.t().contiguous()


def warm_start(pack, **added):
    """added: decoder switches to turn on (cell_code, cell_mix, cell_copy, fourier); False leaves the pack's own
    setting."""
    old, _, _ = load_pack(pack)
    on = {k: True for k, v in added.items() if v}
    if on.get('cell_copy'):
        on['cell_mix'] = True                                           # CellCopy copies along CellMix's attention
    if on.get('cell_mix'):
        on['cell_code'] = True                                          # CellMix mixes the cell code
    model = EditModel(replace(old.c, **on))
    sd = old.state_dict()
    sd['wk.weight'] = mem_key_weight(old.mem.detach(), old.kmem)
    target = model.state_dict()
    loaded = {k: widen(target[k], v) for k, v in sd.items() if k in target}
    missing, _ = model.load_state_dict(loaded, strict=False)
    return model, missing


def main():
    ap = argparse.ArgumentParser()
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument('--pack', help='a pack folder')
    src.add_argument('--ckpt', help="a run's checkpoint: its weights and training config, a fresh optimizer")
    ap.add_argument('--out', required=True, help='run folder; writes <out>/ckpt.pt at step 0')
    ap.add_argument('--cell-code', action='store_true', help='(with --pack) the decoder reads the cell code')
    ap.add_argument('--cell-mix', action='store_true', help='(with --pack) the cell code attends across cells (CellMix)')
    ap.add_argument('--fourier', action='store_true', help='(with --pack) a last decoder step that sees periodic maps')
    ap.add_argument('--cell-copy', action='store_true',
                    help="(with --pack) a cell may take the attended cell's source attributes whole (CellCopy)")
    ap.add_argument('--data', default='data/edits-train,data/edits-train-canon')
    a = ap.parse_args()
    if a.pack:
        model, missing = warm_start(a.pack, cell_code=a.cell_code, cell_mix=a.cell_mix, cell_copy=a.cell_copy,
                                    fourier=a.fourier)
        print('new (freshly initialized):', missing)
        tc = TrainConfig(data=a.data, out=a.out)
    else:
        model, ck = load_checkpoint(a.ckpt)
        tc = replace(TrainConfig.from_saved(ck['train']), out=a.out)
    os.makedirs(a.out, exist_ok=True)
    save_checkpoint({'config': asdict(model.c), 'train': asdict(tc), 'model': model.state_dict(), 'opt': None, 'step': 0},
                    os.path.join(a.out, 'ckpt.pt'))


if __name__ == '__main__':
    main()
