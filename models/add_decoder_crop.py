"""Adds decoder_crop.onnx (Decoder.window: the decoder on the scene cells an edit keeps) to a pack made before
export.py wrote it, without retraining: the graph is exported from the pack's own decoder weights, and in an int8
pack its weights are the decoder graph's int8 initializers and DequantizeLinear nodes, copied byte for byte.

    /usr/bin/python3 models/add_decoder_crop.py --pack models/packs/shapes-v1
"""
import argparse
import json
import os
import tempfile

import onnx

from pack import export_decoder_crop, load_pack, sha256


def share_int8_weights(crop_path, decoder_path):
    """Rewrites crop_path's float weights as decoder_path's QDQ weights of the same name. -> count replaced."""
    dec, crop = onnx.load(decoder_path).graph, onnx.load(crop_path)
    g = crop.graph
    dq = {n.output[0]: n for n in dec.node if n.op_type == 'DequantizeLinear'}
    inits = {i.name: i for i in dec.initializer}
    keep, nodes = [], []
    for init in g.initializer:
        node = dq.get(init.name)
        if node is None:
            keep.append(init)
            continue
        keep += [inits[n] for n in node.input]
        nodes.append(node)
    del g.initializer[:]
    g.initializer.extend(keep)
    old = list(g.node)
    del g.node[:]
    g.node.extend(nodes + old)
    onnx.checker.check_model(crop)
    onnx.save(crop, crop_path)
    return len(nodes)


def add_decoder_crop(folder):
    """Writes decoder_crop.onnx into the pack and lists it in manifest.json (other entries unchanged)."""
    model, _, man = load_pack(folder)
    with tempfile.TemporaryDirectory() as tmp:
        spec = export_decoder_crop(model, tmp)
        path = os.path.join(tmp, spec['file'])
        decoder = os.path.join(folder, man['graphs']['decoder']['file'])
        int8 = any(n.op_type == 'DequantizeLinear' for n in onnx.load(decoder).graph.node)
        shared = share_int8_weights(path, decoder) if int8 else 0
        with open(path, 'rb') as f, open(os.path.join(folder, spec['file']), 'wb') as g:
            g.write(f.read())
    out = os.path.join(folder, spec['file'])
    man['files'][spec['file']] = {'bytes': os.path.getsize(out), 'sha256': sha256(out)}
    man['files'] = dict(sorted(man['files'].items()))
    man['graphs']['decoder_crop'] = spec
    q = man.get('quantization', {}).get('graphs')
    if int8 and q is not None:
        q['decoder_crop'] = dict(q['decoder'])                  # the same weights
    with open(os.path.join(folder, 'manifest.json'), 'w') as f:
        json.dump(man, f, indent=1)
    return spec, shared


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pack', required=True)
    a = ap.parse_args()
    spec, shared = add_decoder_crop(a.pack)
    print(f"wrote {spec['file']} into {a.pack} ({shared} int8 weights shared with the decoder graph)")


if __name__ == '__main__':
    main()
