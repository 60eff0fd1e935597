"""Export a trained checkpoint to an fp32 model pack (ONNX graphs + kernel blob + vocab + manifest).

    /usr/bin/python3 models/export.py --ckpt models/runs/shapes/ckpt.pt \
        --recognizer models/runs/recognizer/recognizer.pt --vocab src/domains/shapes-v1/vocab.json \
        --out models/runs/shapes/pack-fp32 --name shapes-v1 [--calibrate-edits data/edits-val]
Then quantize.py (int8) and eval.py (metrics into the manifest).
"""
import argparse
import os
import shutil

import torch

from checkpoint import load_checkpoint
from metrics import eval_cosal, eval_edits
from pack import export_graphs, kernel_tensors, load_pack, write_blob, write_manifest
from recognizer import load_recognizer


def export_pack(model, recognizer, vocab, out, name, metrics=None):
    os.makedirs(out, exist_ok=True)
    shutil.copy(vocab, os.path.join(out, 'vocab.json'))
    graphs = export_graphs(model, recognizer, out)
    write_blob(kernel_tensors(model), out, int8=False)
    quant = {'weights': 'fp32'}
    return write_manifest(out, name, model.c, graphs, quant, metrics or {})


def calibrate_mask(model, rec, edits=None, cosal=None, limit=500):
    """Picks the mask thresholds (lo, hi) that maximize cell accuracy (edits) or mean IoU (CoSaL) on a validation
    split (never the test split). Sets them on model.c and returns {(lo, hi): score}."""
    scores = {}
    for lo in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        model.c.mask_lo, model.c.mask_hi = lo, min(0.99, round(lo + 0.4, 2))
        r = eval_edits(model, rec, edits, limit) if edits else eval_cosal(model, cosal, limit)
        scores[(model.c.mask_lo, model.c.mask_hi)] = r['cell_acc'] if edits else r['mean_iou']
        print(f'mask lo {model.c.mask_lo} hi {model.c.mask_hi}: {scores[(model.c.mask_lo, model.c.mask_hi)]:.4f}', flush=True)
    model.c.mask_lo, model.c.mask_hi = max(scores, key=scores.get)
    return scores


def parse_mask(text):
    """'LO,HI' -> (lo, hi), or exits with what is wrong (before any model loads)."""
    try:
        lo, hi = (float(x) for x in text.split(','))
    except ValueError:
        lo = hi = -1.0
    if not 0 <= lo < hi <= 1:
        raise SystemExit(f'--mask wants LO,HI with 0 <= LO < HI <= 1, got {text!r}')
    return lo, hi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True)
    ap.add_argument('--recognizer', default=None)
    ap.add_argument('--recognizer-pack', default=None,
                    help="or a pack's recognizer (rebuilt from its ONNX; int8 weights requantize to the same values)")
    ap.add_argument('--vocab', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--name', required=True)
    ap.add_argument('--calibrate-edits', help='validation shards: choose the mask thresholds by cell accuracy')
    ap.add_argument('--calibrate-cosal', help='validation shards: choose the mask thresholds by mean IoU')
    ap.add_argument('--mask', help="or set them: 'LO,HI' (e.g. chosen by the app's turn success on validation dialogues)")
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    lo_hi = parse_mask(a.mask) if a.mask else None
    torch.set_num_threads(a.threads)
    model, _ = load_checkpoint(a.ckpt)
    rec = load_recognizer(a.recognizer) if a.recognizer else load_pack(a.recognizer_pack)[1] if a.recognizer_pack else None
    metrics = {}
    if lo_hi:
        model.c.mask_lo, model.c.mask_hi = lo_hi
        metrics['mask_thresholds'] = {'chosen': [model.c.mask_lo, model.c.mask_hi], 'by': 'given (--mask)'}
    elif a.calibrate_edits or a.calibrate_cosal:
        scores = calibrate_mask(model, rec, a.calibrate_edits, a.calibrate_cosal)
        metrics['mask_calibration'] = {'split': a.calibrate_edits or a.calibrate_cosal,
                                       'scores': {f'{lo},{hi}': round(v, 5) for (lo, hi), v in scores.items()},
                                       'chosen': [model.c.mask_lo, model.c.mask_hi]}
    man = export_pack(model, rec, a.vocab, a.out, a.name, metrics)
    print('wrote', a.out, {k: v['bytes'] for k, v in man['files'].items()})


if __name__ == '__main__':
    main()
