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

import torch

from checkpoint import load_checkpoint
from metrics import eval_chains, eval_cosal, eval_edits
from model import ABLATIONS
from pack import load_pack
from recognizer import load_recognizer

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
        flags = tuple('use_' + k for k in ABLATIONS)
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
