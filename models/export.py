"""Export a trained checkpoint to an fp32 model pack (ONNX graphs + kernel blob + vocab + manifest).

    /usr/bin/python3 models/export.py --ckpt models/runs/shapes/ckpt.pt \
        --recognizer models/runs/recognizer/recognizer.pt --vocab src/domain/vocab.json \
        --out models/runs/shapes/pack-fp32 --name shapes-v1
Then quantize.py (int8) and eval.py (metrics into the manifest).
"""
import argparse
import os
import shutil

import torch

from model import Config, EditModel
from pack import export_graphs, kernel_tensors, write_blob, write_manifest
from recognizer import RecConfig, Recognizer


def load_checkpoint(path):
    ck = torch.load(path, map_location='cpu')
    model = EditModel(Config(**ck['config']))
    model.load_state_dict(ck['model'])
    return model.eval(), ck


def load_recognizer(path):
    ck = torch.load(path, map_location='cpu')
    rec = Recognizer(RecConfig(**ck['config']))
    rec.load_state_dict(ck['model'])
    return rec.eval()


def export_pack(model, recognizer, vocab, out, name, metrics=None):
    os.makedirs(out, exist_ok=True)
    shutil.copy(vocab, os.path.join(out, 'vocab.json'))
    graphs = export_graphs(model, recognizer, out)
    write_blob(kernel_tensors(model), out, int8=False)
    quant = {'weights': 'fp32'}
    return write_manifest(out, name, model.c, graphs, quant, metrics or {})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True)
    ap.add_argument('--recognizer', default=None)
    ap.add_argument('--vocab', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--name', required=True)
    a = ap.parse_args()
    model, _ = load_checkpoint(a.ckpt)
    rec = load_recognizer(a.recognizer) if a.recognizer else None
    man = export_pack(model, rec, a.vocab, a.out, a.name)
    print('wrote', a.out, {k: v['bytes'] for k, v in man['files'].items()})


if __name__ == '__main__':
    main()
