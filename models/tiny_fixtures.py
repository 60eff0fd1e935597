"""Tiny randomly initialized packs (fp32 and int8) plus PyTorch reference outputs, for the ONNX parity test
(test/unit/models/onnx-parity.test.ts runs the graphs in onnxruntime-web WASM and compares).

    /usr/bin/python3 models/tiny_fixtures.py [--out test/fixtures/models]
writes <out>/tiny-fp32/, <out>/tiny-int8/ (complete packs) and <out>/tiny-reference.json.
    /usr/bin/python3 models/tiny_fixtures.py --pack models/packs/shapes-v1 --shards data/edits-heldout
writes <out>/shapes-v1-reference.json: the committed pack's PyTorch outputs on one real example.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from data import open_shards  # noqa: E402
from export import export_pack  # noqa: E402
from model import Config, EditModel  # noqa: E402
from pack import graph_specs, load_pack  # noqa: E402
from quantize import quantize_pack  # noqa: E402
from recognizer import RecConfig, Recognizer  # noqa: E402

TINY = dict(image_size=16, G=2, vocab_size=12, max_len=6, K=8, D=6, Ms=4, H=8, T=3, C1=4, C2=4, C3=8, dec=8)
BATCH = 2


def graph_inputs(c, seed):
    """Fixed random inputs per graph (batch 2, the second token row padded)."""
    g = torch.Generator().manual_seed(seed)
    tokens = torch.randint(2, c.vocab_size, (BATCH, c.max_len), generator=g)
    tokens[1, c.max_len // 2:] = 0
    x = {}
    for name, (_, inputs, _) in graph_specs(c).items():
        x[name] = {k: tokens if k == 'tokens' else torch.rand((BATCH,) + tuple(s[1:]), generator=g) * (1 if k == 'image' else 2)
                   for k, s in inputs.items()}
    return x


def run_graph(model, rec, name, inputs):
    with torch.no_grad():
        if name == 'text_encoder':
            return model.text(inputs['tokens'])
        if name == 'image_encoder':
            return model.image(inputs['image'])
        if name == 'decoder':
            return model.decoder(inputs['fused'], inputs['skip1'], inputs['skip2'])
        return rec(inputs['image'])


def tensor_json(t):
    data = [int(v) for v in t.flatten().tolist()] if t.dtype == torch.long else [float('%.8g' % v) for v in t.flatten().tolist()]
    return {'dims': list(t.shape), 'type': 'int64' if t.dtype == torch.long else 'float32', 'data': data}


def sampled(t, n=256):
    """A strided sample of a big output plus its mean and mean |x| (keeps the reference file small)."""
    flat = t.flatten()
    stride = max(1, flat.numel() // n)
    return {'dims': list(t.shape), 'stride': stride, 'mean': flat.mean().item(), 'abs_mean': flat.abs().mean().item(),
            'data': [float('%.8g' % v) for v in flat[::stride].tolist()]}


def pack_reference(pack, out, image_u8, text_ids):
    """PyTorch outputs of a committed pack's graphs for one real input (batch 1), for the ORT test of the pack."""
    model, rec, man = load_pack(pack)
    c = model.c
    tokens = torch.tensor([text_ids + [0] * (c.max_len - len(text_ids))])
    image = torch.from_numpy(image_u8).permute(2, 0, 1)[None].float() / 255
    with torch.no_grad():
        r = model(tokens, image)
        ref = {'pack': os.path.basename(os.path.normpath(pack)), 'tokens': tokens[0].tolist(),
               'image_u8': image_u8.flatten().tolist(), 'image_dims': [1, 3, c.image_size, c.image_size],
               'fused': tensor_json(r['fused']), 'outputs': {}}
        outs = {'text_encoder': model.text(tokens), 'image_encoder': model.image(image),
                'decoder': (r['rgb'], r['mask_logit'])}
        if rec is not None:
            outs['recognizer'] = rec(image)
        for name, values in outs.items():
            ref['outputs'][name] = {o: sampled(t) for o, t in zip(man['graphs'][name]['outputs'], values)}
    with open(out, 'w') as f:
        json.dump(ref, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models'))
    ap.add_argument('--pack', help='instead: write <out>/<pack name>-reference.json for a trained pack')
    ap.add_argument('--shards', help='with --pack: shard set whose first example is the input')
    a = ap.parse_args()
    if a.pack:
        _, arr = open_shards(a.shards)
        ids = [int(x) for x in arr['tokens'][0] if x != 0]
        name = os.path.basename(os.path.normpath(a.pack))
        pack_reference(a.pack, os.path.join(a.out, f'{name}-reference.json'), np.array(arr['src'][0]), ids)
        return
    torch.manual_seed(1234)
    c = Config(**TINY)
    model, rec = EditModel(c).eval(), Recognizer(RecConfig(image_size=16, width=4)).eval()
    os.makedirs(a.out, exist_ok=True)
    vocab = os.path.join(a.out, 'tiny-vocab.json')
    with open(vocab, 'w') as f:
        json.dump(['<pad>', '<unk>'] + [f'w{i}' for i in range(2, c.vocab_size)], f)
    fp32, int8 = os.path.join(a.out, 'tiny-fp32'), os.path.join(a.out, 'tiny-int8')
    export_pack(model, rec, vocab, fp32, 'tiny-fp32')
    quantize_pack(fp32, int8)
    os.remove(vocab)
    x = graph_inputs(c, 99)
    ref = {'generator': 'models/tiny_fixtures.py', 'packs': {}}
    for pack in (fp32, int8):
        m, r, man = load_pack(pack)
        ref['packs'][os.path.basename(pack)] = {
            name: {'inputs': {k: tensor_json(v) for k, v in x[name].items()},
                   'outputs': {o: tensor_json(t) for o, t in zip(g['outputs'], run_graph(m, r, name, x[name]))}}
            for name, g in man['graphs'].items()}
    with open(os.path.join(a.out, 'tiny-reference.json'), 'w') as f:
        json.dump(ref, f)
    print('wrote', a.out)


if __name__ == '__main__':
    main()
