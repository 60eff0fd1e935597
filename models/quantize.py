"""Quantize an fp32 pack to int8 weights (per output channel, symmetric).

ONNX graphs get QDQ weights: every float weight initializer with >= 2 dims becomes an int8 initializer plus
a DequantizeLinear (per-axis scales) whose output keeps the original name, so the rest of the graph is
untouched. Kernel weights use MATH.md's blob layout with i8 tensors. Biases and 1-D vectors stay f32.

    /usr/bin/python3 models/quantize.py --pack models/runs/shapes/pack-fp32 --out models/packs/shapes-v1
"""
import argparse
import json
import os
import shutil

from pack import pack_config, qdq_weights, read_blob, write_blob, write_manifest


def weight_axis(graph, name):
    """Output-channel axis of a weight, from the op that consumes it (MatMul weights are (in, out))."""
    for n in graph.node:
        if name in n.input:
            if n.op_type == 'MatMul':
                return 1
            if n.op_type == 'Transpose':                   # x @ W^T: exported Linear on 3-D input
                return 0
    return 0


def quantize_graph(src, dst):
    """Rewrites float weights (ndim >= 2) as int8 + DequantizeLinear. -> (float bytes, int8 bytes) of weights."""
    def axis_of(g, name, w):
        if '.coords' in name:                                   # decoder coordinate maps are not weights
            return None
        return 1 if w.shape[0] == 1 else weight_axis(g, name)   # (1, D, G, G) embeddings: per channel
    return qdq_weights(src, dst, axis_of)


def quantize_pack(src, dst, metrics=None):
    os.makedirs(dst, exist_ok=True)
    man = json.load(open(os.path.join(src, 'manifest.json')))
    c = pack_config(man)
    per_graph = {}
    for name, g in man['graphs'].items():
        fb, qb = quantize_graph(os.path.join(src, g['file']), os.path.join(dst, g['file']))
        per_graph[name] = {'float_weight_bytes': fb, 'int8_weight_bytes': qb}
    write_blob(read_blob(src), dst, int8=True)
    shutil.copy(os.path.join(src, 'vocab.json'), os.path.join(dst, 'vocab.json'))
    graphs = {k: {kk: v[kk] for kk in ('file', 'inputs', 'outputs')} for k, v in man['graphs'].items()}
    fp32_bytes = sum(f['bytes'] for f in man['files'].values())
    quant = {'weights': 'int8', 'scheme': 'symmetric per output channel, zero point 0',
             'onnx': 'QDQ (DequantizeLinear on int8 weight initializers)', 'kernels': 'i8 + f32 row scales',
             'activations': 'f32', 'graphs': per_graph, 'fp32_pack_bytes': fp32_bytes}
    out = write_manifest(dst, man['name'], c, graphs, quant, metrics if metrics is not None else man.get('metrics', {}))
    int8_bytes = sum(f['bytes'] for f in out['files'].values())
    quant.update(int8_pack_bytes=int8_bytes, size_ratio=round(int8_bytes / fp32_bytes, 4))
    return write_manifest(dst, man['name'], c, graphs, quant, out['metrics'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pack', required=True, help='fp32 pack folder (export.py)')
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    man = quantize_pack(a.pack, a.out)
    q = man['quantization']
    print(f"int8 pack {q['int8_pack_bytes']} bytes = {q['size_ratio']:.1%} of fp32 {q['fp32_pack_bytes']}")


if __name__ == '__main__':
    main()
