"""Model pack I/O: ONNX graphs, the kernel weight blob (MATH.md "Kernel weights"), manifest, and loading a
pack back into PyTorch (so eval.py measures the files the app ships, int8 included).

    from pack import export_graphs, kernel_tensors, write_blob, write_manifest, load_pack
"""
import copy
import hashlib
import json
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import helper, numpy_helper

from model import RETIRED, Config, EditModel
from recognizer import HEADS, RecConfig, Recognizer

OPSET = 17
I8_KERNELS = ('mem', 'mem_keys', 'tracker.w_ih', 'tracker.w_hh', 'tracker.w_init', 'tracker.w_g',
              'fusion.w1', 'fusion.w2', 'fusion.w3', 'fusion.w4', 'fusion.w5', 'fusion.w6', 'fusion.w7')


class _Text(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.text = copy.deepcopy(m.text)
        if self.text.class_emb is not None:                  # fold synonym-set embeddings into one table
            self.text.emb.weight.data = m.text.table().detach().clone()
            self.text.class_emb = None
            del self.text.word_class

    def forward(self, tokens):
        return self.text(tokens)


class _Image(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.image = m.image

    def forward(self, image):
        return self.image(image)


class _Decoder(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.decoder = m.decoder

    def forward(self, fused, skip1, skip2):
        return self.decoder(fused, skip1, skip2)


class _DecoderCrop(nn.Module):
    """The decoder on a window (Decoder.window): the app decodes only the scene cells an edit keeps."""
    def __init__(self, m):
        super().__init__()
        self.decoder = m.decoder

    def forward(self, fused, skip1, skip2, rows4, cols4, rows2, cols2, rows1, cols1):
        return self.decoder.window(fused, skip1, skip2, rows4, cols4, rows2, cols2, rows1, cols1)


class _Recognizer(nn.Module):
    def __init__(self, r):
        super().__init__()
        self.recognizer = r

    def forward(self, image):
        return self.recognizer(image)


def graph_specs(c):
    """name -> (wrapper class, {input: shape}, [outputs]) with batch 1 shapes as in MATH.md."""
    S, G = c.image_size, c.G
    sk = {'skip1': (1, c.C1, S // 2, S // 2), 'skip2': (1, c.C2, S // 4, S // 4)}
    return {
        'text_encoder': (_Text, {'tokens': (1, c.max_len)}, ['words', 'keys', 'sentence']),
        'image_encoder': (_Image, {'image': (1, 3, S, S)}, ['regions', 'pooled', 'skip1', 'skip2']),
        'decoder': (_Decoder, {'fused': (1, c.D, G, G), **sk}, ['rgb', 'mask_logit']),
        'recognizer': (_Recognizer, {'image': (1, 3, S, S)}, [h for h, _ in HEADS]),
    }


def export_graphs(model, recognizer, out):
    """Writes <name>.onnx for every graph; initializers keep their PyTorch names (constant folding off)."""
    graphs = {}
    for name, (wrap, inputs, outputs) in graph_specs(model.c).items():
        if name == 'recognizer' and recognizer is None:
            continue
        mod = wrap(recognizer if name == 'recognizer' else model).eval()
        args = tuple(torch.zeros(s, dtype=torch.long) if k == 'tokens' else torch.rand(s) for k, s in inputs.items())
        axes = {k: {0: 'batch'} for k in list(inputs) + outputs}
        path = os.path.join(out, name + '.onnx')
        torch.onnx.export(mod, args, path, opset_version=OPSET, input_names=list(inputs), output_names=outputs,
                          dynamic_axes=axes, do_constant_folding=False)
        graphs[name] = {'file': name + '.onnx', 'inputs': list(inputs), 'outputs': outputs}
    if model.c.coords and model.c.image_size % 8 == 0:
        graphs['decoder_crop'] = export_decoder_crop(model.eval(), out)
    return graphs


CROP_WINDOWS = ('rows4', 'cols4', 'rows2', 'cols2', 'rows1', 'cols1')   # pixel indices at scales S/4, S/2, S


def export_decoder_crop(model, out):
    """Writes decoder_crop.onnx (Decoder.window): the decoder graph's inputs plus six int64 index ranges of any
    length, outputs rgb and mask_logit on the window rows1 x cols1. Needs the coordinate maps (packs with coords)."""
    c = model.c
    S = c.image_size
    _, inputs, outputs = graph_specs(c)['decoder']
    args = [torch.rand(s) for s in inputs.values()]
    # rows: a middle cell's windows, cols: a corner's (any consistent windows; their lengths are dynamic axes)
    r, q = [(S // 32, S // 4 - S // 32), (S // 8 - 1, S // 2 - S // 8 + 1), (S // 4 + 1, S - S // 4 - 1)], [(0, S // 8), (0, S // 4 - 2), (0, S // 2 - 7)]
    args += [torch.arange(*w) for pair in zip(r, q) for w in pair]
    names = list(inputs) + list(CROP_WINDOWS)
    axes = {'fused': {0: 'batch'}, 'skip1': {0: 'batch'}, 'skip2': {0: 'batch'}, **{k: {0: k} for k in CROP_WINDOWS},
            'rgb': {0: 'batch', 2: 'rows1', 3: 'cols1'}, 'mask_logit': {0: 'batch', 2: 'rows1', 3: 'cols1'}}
    path = os.path.join(out, 'decoder_crop.onnx')
    torch.onnx.export(_DecoderCrop(model).eval(), tuple(args), path, opset_version=OPSET, input_names=names,
                      output_names=outputs, dynamic_axes=axes, do_constant_folding=False)
    return {'file': 'decoder_crop.onnx', 'inputs': names, 'outputs': outputs}


def kernel_tensors(m):
    """The weights of the WGSL kernels (memory attention, tracker, fusion), named as in MATH.md. A model's context
    words are left out: the app passes none (its dialogue layer resolves references before the model sees a turn,
    and canonical turns were distilled without them), so a pack ships only what its kernels read."""
    D = m.c.D
    gw, gb, cw = m.gates.weight, m.gates.bias, m.cand.weight
    t = {'mem': m.mem, 'mem_keys': m.mem_keys(),
         'tracker.w_ih': m.tracker.weight_ih, 'tracker.w_hh': m.tracker.weight_hh,
         'tracker.b_ih': m.tracker.bias_ih, 'tracker.b_hh': m.tracker.bias_hh,
         'tracker.w_init': m.w_init.weight, 'tracker.b_init': m.w_init.bias,
         'tracker.w_g': m.w_g.weight, 'tracker.b_g': m.w_g.bias,
         'fusion.w1': gw[:D, :D], 'fusion.w2': gw[:D, D:], 'fusion.w3': gw[D:, :D], 'fusion.w4': gw[D:, D:],
         'fusion.w5': cw[:, :D], 'fusion.w6': cw[:, D:], 'fusion.w7': m.nxt.weight,
         'fusion.b1': gb[:D], 'fusion.b2': gb[D:], 'fusion.b5': m.cand.bias, 'fusion.b7': m.nxt.bias,
         'fusion.w_tg': m.tg.weight, 'fusion.b_tg': m.tg.bias}
    return {k: v.detach().float().cpu().numpy().copy() for k, v in t.items()}


def quantize_rows(w):
    """Symmetric int8 per output channel (first dim): w ~= q * scale[o]. -> q int8, scale f32 (O,)."""
    flat = w.reshape(w.shape[0], -1)
    scale = np.abs(flat).max(1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.round(flat / scale[:, None]), -127, 127).astype(np.int8)
    return q.reshape(w.shape), scale


def qdq_weights(src, dst, axis_of):
    """Rewrites an ONNX graph's float weights (ndim >= 2) as int8 + DequantizeLinear whose output keeps the
    weight's name, so the rest of the graph is untouched. axis_of(graph, name, w) -> per-channel axis, or None to
    keep that initializer in float. -> (float bytes, int8 bytes) of the rewritten weights."""
    model = onnx.load(src)
    g = model.graph
    keep, nodes, fbytes, qbytes = [], [], 0, 0
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        axis = axis_of(g, init.name, w) if w.dtype == np.float32 and w.ndim >= 2 else None
        if axis is None:
            keep.append(init)
            continue
        q, scale = quantize_rows(np.moveaxis(w, axis, 0))
        q = np.ascontiguousarray(np.moveaxis(q, 0, axis))
        keep += [numpy_helper.from_array(q, init.name + '_quantized'), numpy_helper.from_array(scale, init.name + '_scale'),
                 numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), init.name + '_zero')]
        nodes.append(helper.make_node('DequantizeLinear', [init.name + '_quantized', init.name + '_scale', init.name + '_zero'],
                                      [init.name], name=init.name + '_DequantizeLinear', axis=axis))
        fbytes += w.nbytes
        qbytes += q.nbytes + 2 * scale.nbytes
    del g.initializer[:]
    g.initializer.extend(keep)
    old = list(g.node)
    del g.node[:]
    g.node.extend(nodes + old)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return fbytes, qbytes


def write_blob(tensors, out, int8):
    """kernels.bin + kernels.json; with int8 the I8_KERNELS tensors are stored as i8 with f32 row scales."""
    parts, layout, off = [], [], 0

    def put(b):
        nonlocal off
        start = off
        pad = (-len(b)) % 4
        parts.append(b + b'\0' * pad)
        off += len(b) + pad
        return start

    for name, w in tensors.items():
        entry = {'name': name, 'shape': list(w.shape)}
        if int8 and name in I8_KERNELS:
            q, scale = quantize_rows(w)
            entry.update(dtype='i8', offset=put(q.tobytes()), scaleOffset=put(scale.astype('<f4').tobytes()))
        else:
            entry.update(dtype='f32', offset=put(w.astype('<f4').tobytes()))
        layout.append(entry)
    with open(os.path.join(out, 'kernels.bin'), 'wb') as f:
        f.write(b''.join(parts))
    with open(os.path.join(out, 'kernels.json'), 'w') as f:
        json.dump({'version': 1, 'tensors': layout}, f, indent=1)


def read_blob(folder):
    """-> {name: float32 array} (i8 tensors dequantized)."""
    with open(os.path.join(folder, 'kernels.json')) as f:
        layout = json.load(f)
    with open(os.path.join(folder, 'kernels.bin'), 'rb') as f:
        return parse_blob(f.read(), layout)


def parse_blob(blob, layout):
    """kernels.bin bytes + kernels.json document -> {name: float32 array}."""
    layout = layout['tensors'] if isinstance(layout, dict) else layout
    out = {}
    for e in layout:
        n = int(np.prod(e['shape'])) if e['shape'] else 1
        if e['dtype'] == 'i8':
            q = np.frombuffer(blob, np.int8, n, e['offset']).astype(np.float32).reshape(e['shape'])
            s = np.frombuffer(blob, '<f4', e['shape'][0], e['scaleOffset'])
            out[e['name']] = q * s.reshape((-1,) + (1,) * (q.ndim - 1))
        else:
            out[e['name']] = np.frombuffer(blob, '<f4', n, e['offset']).reshape(e['shape']).copy()
    return out


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def manifest_config(c):
    keys = ('image_size', 'vocab_size', 'max_len', 'K', 'G', 'D', 'Ms', 'H', 'T', 'C1', 'C2', 'C3', 'dec', 'mask_lo', 'mask_hi',
            'stop_threshold', 'grid_attention', 'coords', 'cell_code', 'cell_mix', 'fourier', 'cell_copy', 'context_words',
            'use_attention', 'use_termination', 'use_mask', 'use_memory', 'use_tracker')
    d = {k: RETIRED[k] if k in RETIRED else getattr(c, k) for k in keys}    # the format names grid_attention
    d.update(N=c.G * c.G, A=c.K + c.D, context_words=False)                # kernel_tensors leaves them out
    return d


def write_manifest(out, name, c, graphs, quantization, metrics, extra_files=()):
    files = sorted({g['file'] for g in graphs.values()} | {'vocab.json', 'kernels.bin', 'kernels.json'} | set(extra_files))
    shapes = {k: {i: list(s) for i, s in spec[1].items()} for k, spec in graph_specs(c).items() if k in graphs}
    man = {'format': 'parley-pack-v1', 'name': name, 'domain': c.domain, 'image_size': c.image_size,
           'config': manifest_config(c), 'tokenizer': {'vocab': 'vocab.json', 'max_len': c.max_len},
           'files': {f: {'bytes': os.path.getsize(os.path.join(out, f)), 'sha256': sha256(os.path.join(out, f))} for f in files},
           'graphs': {k: dict(g, input_shapes=shapes[k]) if k in shapes else dict(g) for k, g in graphs.items()},
           'kernels': {'blob': 'kernels.bin', 'layout': 'kernels.json'},
           'quantization': quantization, 'metrics': metrics}
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(man, f, indent=1)
    return man


def onnx_weights(path):
    """Float initializers of an ONNX graph by name; int8 QDQ weights dequantized through their DequantizeLinear."""
    g = onnx.load(path).graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    dq = [n for n in g.node if n.op_type == 'DequantizeLinear' and n.input[0] in init]
    scales = {n.input[1] for n in dq}
    out = {k: v for k, v in init.items() if v.dtype == np.float32 and k not in scales}
    for n in dq:
        q, s = init[n.input[0]].astype(np.float32), init[n.input[1]]
        axis = next((a.i for a in n.attribute if a.name == 'axis'), 1)
        shape = [1] * q.ndim
        shape[axis] = -1
        out[n.output[0]] = q * (s.reshape(shape) if s.ndim else s)
    return out


def kernel_state(tensors, D):
    """Kernel tensors (MATH.md names, numpy) -> EditModel state-dict entries (inverse of kernel_tensors)."""
    k = {n: torch.from_numpy(np.array(v)) for n, v in tensors.items()}
    return {'mem': k['mem'], 'tracker.weight_ih': k['tracker.w_ih'], 'tracker.weight_hh': k['tracker.w_hh'],
            'tracker.bias_ih': k['tracker.b_ih'], 'tracker.bias_hh': k['tracker.b_hh'],
            'w_init.weight': k['tracker.w_init'], 'w_init.bias': k['tracker.b_init'],
            'w_g.weight': k['tracker.w_g'], 'w_g.bias': k['tracker.b_g'],
            'gates.weight': torch.cat([torch.cat([k['fusion.w1'], k['fusion.w2']], 1),
                                       torch.cat([k['fusion.w3'], k['fusion.w4']], 1)], 0),
            'gates.bias': torch.cat([k['fusion.b1'], k['fusion.b2']]),
            'cand.weight': torch.cat([k['fusion.w5'], k['fusion.w6']], 1), 'cand.bias': k['fusion.b5'],
            'nxt.weight': k['fusion.w7'], 'nxt.bias': k['fusion.b7'],
            'tg.weight': k['fusion.w_tg'].reshape(1, D), 'tg.bias': k['fusion.b_tg'].reshape(1)}


def pack_config(man):
    """The model Config a pack manifest describes."""
    return Config.from_saved(dict(man['config'], domain=man['domain']))


def load_pack(folder):
    """-> (EditModel, Recognizer or None, manifest) rebuilt from the pack's files."""
    with open(os.path.join(folder, 'manifest.json')) as f:
        man = json.load(f)
    c = pack_config(man)
    model = EditModel(c).eval()
    sd = {}
    for name in ('text_encoder', 'image_encoder', 'decoder'):
        for k, v in onnx_weights(os.path.join(folder, man['graphs'][name]['file'])).items():
            sd[k] = torch.from_numpy(np.array(v))
    sd.update(kernel_state(read_blob(folder), c.D))
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert not unexpected, unexpected
    assert all(m.startswith('aux_') or m == 'wk.weight' for m in missing), missing
    model.kmem = torch.from_numpy(read_blob(folder)['mem_keys'])   # stored precomputed (and quantized) keys
    rec = None
    if 'recognizer' in man['graphs']:
        w = {kk.removeprefix('recognizer.'): torch.from_numpy(np.array(v))
             for kk, v in onnx_weights(os.path.join(folder, man['graphs']['recognizer']['file'])).items()}
        rec = Recognizer(RecConfig(image_size=c.image_size, width=w['convs.6.weight'].shape[0] // 3)).eval()
        rec.load_state_dict(w)
    return model, rec, man
