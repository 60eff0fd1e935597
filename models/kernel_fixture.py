"""PyTorch cross-check of the kernel math (models/MATH.md steps 3-6), independent of the TypeScript code.

    /usr/bin/python3 models/kernel_fixture.py                  # writes test/fixtures/kernels-torch.json
    /usr/bin/python3 models/kernel_fixture.py --onnx DIR       # benchmark graphs + weights at shapes-v1

The fixture holds, per scenario, dims, a kernels.bin (base64) + kernels.json layout written in the format of
workers/kernels/weights.ts (f32, or per-output-channel int8 for matrices), inputs, and the expected outputs of
memory attention, tracker (torch.nn.GRUCell), fusion (frozen regions via `where`, regions stopping where the gate
exceeds the scenario's stop threshold) and target localization.
test/unit/kernels/torch-fixture.test.ts runs the TS CPU references on it (tolerance 1e-4).
--onnx exports the same fusion (and the whole middle part) as ONNX graphs for scripts/bench-kernels.ts.
"""
import argparse
import base64
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

SHAPES_V1 = dict(L=32, K=64, D=32, G=8, Ms=32, H=64, T=4)


def weight_shapes(d):
    K, D, H, Ms, A = d['K'], d['D'], d['H'], d['Ms'], d['K'] + d['D']
    conv = lambda cin: [D, cin, 3, 3]
    return {
        'mem': [Ms, D], 'mem_keys': [Ms, K],
        'tracker.w_ih': [3 * H, K + D], 'tracker.w_hh': [3 * H, H], 'tracker.b_ih': [3 * H], 'tracker.b_hh': [3 * H],
        'tracker.w_init': [D, H], 'tracker.b_init': [D], 'tracker.w_g': [D, K + D + H], 'tracker.b_g': [D],
        'fusion.w1': conv(D), 'fusion.w2': conv(A), 'fusion.w3': conv(D), 'fusion.w4': conv(A),
        'fusion.w5': conv(D), 'fusion.w6': conv(A), 'fusion.w7': conv(D),
        'fusion.b1': [D], 'fusion.b2': [D], 'fusion.b5': [D], 'fusion.b7': [D],
        'fusion.w_tg': [1, D], 'fusion.b_tg': [1],
    }


def random_weights(d, seed, btg):
    g = torch.Generator().manual_seed(seed)
    W = {}
    for name, shape in weight_shapes(d).items():
        fan_in = math.prod(shape[1:]) if len(shape) > 1 else 4
        scale = 1.0 if name == 'mem' else 1.5 / math.sqrt(fan_in)
        W[name] = (torch.rand(shape, generator=g) * 2 - 1) * scale
    W['fusion.b_tg'] = torch.tensor([float(btg)])
    return W


def quantize(w):
    """Per-output-channel int8: scale = max|w_row| / 127 (1 for an all-zero row), q = round(w / scale)."""
    rows = w.reshape(w.shape[0], -1)
    scale = rows.abs().max(1).values / 127
    scale = torch.where(scale > 0, scale, torch.ones_like(scale)).float()
    q = torch.round(rows / scale[:, None]).clamp(-127, 127).to(torch.int8)
    return q.reshape(w.shape), scale


def build_blob(W, i8):
    """kernels.bin + kernels.json (format of workers/kernels/weights.ts). Returns (bin, layout, dequantized W)."""
    out, tensors, deq = bytearray(), [], {}
    pad = lambda: out.extend(b'\0' * (-len(out) % 4))
    for name, w in W.items():
        entry = {'name': name, 'shape': list(w.shape), 'offset': len(out)}
        if i8 and w.dim() >= 2:
            q, scale = quantize(w)
            out.extend(q.numpy().tobytes())
            pad()
            entry.update(dtype='i8', scaleOffset=len(out))
            out.extend(struct.pack('<%df' % scale.numel(), *scale.tolist()))
            deq[name] = q.float() * scale.reshape([-1] + [1] * (w.dim() - 1))
        else:
            entry['dtype'] = 'f32'
            out.extend(struct.pack('<%df' % w.numel(), *w.flatten().tolist()))
            deq[name] = w
        tensors.append(entry)
    return bytes(out), {'version': 1, 'tensors': tensors}, deq


def memory_attention(U, W, valid):
    """U (1, L, K) -> tex (1, L, D), zero rows at padding."""
    a = torch.softmax(U @ W['mem_keys'].t() / math.sqrt(U.shape[2]), -1)
    return (a @ W['mem']) * valid[..., None]


def gru_cell(W, d):
    """torch.nn.GRUCell holding the tracker weights: PyTorch's own gate convention is the reference."""
    cell = torch.nn.GRUCell(d['K'] + d['D'], d['H'])
    with torch.no_grad():
        for n in ('w_ih', 'w_hh', 'b_ih', 'b_hh'):
            getattr(cell, n.replace('w_', 'weight_').replace('b_', 'bias_')).copy_(W['tracker.' + n])
    return cell


def tracker(s, vbar, h, tex, valid, W, cell):
    h_new = cell(torch.cat([s, vbar], 1), h)
    tbar = tex.sum(1) / valid.sum(1, keepdim=True)
    init = h_new @ W['tracker.w_init'].t() + W['tracker.b_init']
    g = torch.cat([s, tbar, h_new], 1) @ W['tracker.w_g'].t() + W['tracker.b_g']
    return h_new, init, tbar, g


def fusion(S, keys, U, tex, valid, W, T, termination=True, threshold=0.5):
    """LBIE fusion, eval mode. S (1, D, G, G) -> O (1, D, G, G), steps (1, 1, G, G), beta (1, N, L), min margin.
    threshold: a pack's config.stop_threshold (0.5 in every committed pack and in the --onnx graphs)."""
    _, D, G, _ = S.shape
    N, L = G * G, keys.shape[1]
    vals = torch.cat([U, tex], 2)                                          # (1, L, A)
    A = vals.shape[2]
    w_gates = torch.cat([torch.cat([W['fusion.w1'], W['fusion.w2']], 1), torch.cat([W['fusion.w3'], W['fusion.w4']], 1)], 0)
    b_gates = torch.cat([W['fusion.b1'], W['fusion.b2']])
    w_cand = torch.cat([W['fusion.w5'], W['fusion.w6']], 1)
    act = torch.ones(1, 1, G, G, dtype=torch.bool)
    Uh, rS, h = torch.zeros(1, A, G, G), torch.zeros_like(S), torch.zeros_like(S)
    beta, steps = torch.zeros(1, N, L), torch.zeros(1, 1, G, G)
    margin = torch.tensor(1.0)
    for t in range(T):
        logit = S.flatten(2).transpose(1, 2) @ keys.transpose(1, 2) / math.sqrt(D)     # (1, N, L)
        att = torch.softmax(logit + (valid[:, None, :] - 1) * 1e9, -1)
        beta = torch.where(act.view(1, N, 1), att, beta)
        Uh = torch.where(act, (att @ vals).transpose(1, 2).reshape(1, A, G, G), Uh)
        zr = torch.sigmoid(F.conv2d(torch.cat([S, Uh], 1), w_gates, b_gates, padding=1))
        z, r = zr[:, :D], zr[:, D:]
        rS = torch.where(act, r * S, rS)
        c = torch.relu(F.conv2d(torch.cat([rS, Uh], 1), w_cand, W['fusion.b5'], padding=1))
        h = torch.where(act, (1 - z) * S + z * c, h)
        S_next = F.conv2d(h, W['fusion.w7'], W['fusion.b7'], padding=1)
        p = torch.sigmoid((S_next * W['fusion.w_tg'].view(1, D, 1, 1)).sum(1, keepdim=True) + W['fusion.b_tg'])
        S = torch.where(act, S_next, S)                                    # a stopping region keeps S_next
        steps = steps + act.float()
        if t == T - 1:
            stop = torch.ones_like(act)
        elif termination:
            stop = p > threshold
            margin = torch.minimum(margin, torch.where(act, (p - threshold).abs(), torch.ones_like(p)).min())
        else:
            stop = torch.zeros_like(act)
        act = act & ~stop
    return h, steps, beta, margin


def middle(U, keys, s, V, vbar, h, valid, W, d, cell, termination=True, threshold=0.5):
    tex = memory_attention(U, W, valid)
    h_new, init, tbar, g = tracker(s, vbar, h, tex, valid, W, cell)
    O, steps, beta, margin = fusion(V + init[:, :, None, None], keys, U, tex, valid, W, d['T'], termination, threshold)
    alpha = torch.sigmoid((O * g[:, :, None, None]).sum(1, keepdim=True))
    Fz = alpha * O + (1 - alpha) * V
    return dict(tex=tex, h=h_new, init=init, tbar=tbar, g=g, O=O, steps=steps, beta=beta, alpha=alpha, F=Fz), margin


def random_inputs(d, length, seed):
    g = torch.Generator().manual_seed(seed)
    r = lambda *shape, s=1.0: (torch.rand(shape, generator=g) * 2 - 1) * s
    L, G = d['L'], d['G']
    valid = (torch.arange(L) < length).float()[None]
    return dict(U=r(1, L, d['K']), keys=r(1, L, d['D'], s=1.5), s=r(1, d['K']), V=r(1, d['D'], G, G),
                vbar=r(1, d['D']), h=r(1, d['H'], s=0.9), valid=valid)


def scenario(name, d, length, seed, i8, termination, btgs, threshold=0.5):
    """First btg giving a mix of step counts with every decision >= 1e-3 away from p = threshold."""
    x = random_inputs(d, length, seed)
    for btg in btgs:
        W = random_weights(d, seed + 1, btg)
        blob, layout, deq = build_blob(W, i8)
        with torch.no_grad():
            args = (x['U'], x['keys'], x['s'], x['V'], x['vbar'], x['h'], x['valid'])
            out, margin = middle(*args, deq, d, gru_cell(deq, d), termination, threshold)
        counts = out['steps'].unique().numel()
        if not termination or (counts >= 2 and margin > 1e-3):
            flat = lambda t: [float(v) for v in t.flatten().tolist()]
            return dict(name=name, dims=d, len=length, termination=termination, threshold=threshold, btg=btg,
                        kernels_json=layout, kernels_bin_b64=base64.b64encode(blob).decode(),
                        inputs={k: flat(v) for k, v in x.items() if k != 'valid'},
                        expected={k: flat(v) for k, v in out.items()})
    raise SystemExit(f'{name}: no btg in {btgs} gives mixed steps with a safe margin')


def write_fixture(path):
    tiny = dict(L=6, K=8, D=6, G=4, Ms=5, H=7, T=3)
    btgs = [0.0, -0.3, 0.3, -0.6, 0.6, -1.0, 1.0, -1.5, 1.5]
    scenarios = [
        scenario('f32 mixed termination, padded', tiny, 4, 101, False, True, btgs),
        scenario('int8 mixed termination', tiny, 6, 202, True, True, btgs),
        scenario('f32 fixed T (termination off)', tiny, 3, 303, False, False, [0.0]),
        scenario('f32 L=1, T=4, odd G=3', dict(tiny, L=1, G=3, T=4), 1, 404, False, True, btgs),
        scenario('int8 stop threshold 0.3, T=4', dict(tiny, T=4), 5, 505, True, True, btgs, threshold=0.3),
    ]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump({'generator': 'models/kernel_fixture.py', 'torch': torch.__version__, 'scenarios': scenarios}, f)
    print(f'wrote {path}: ' + ', '.join(f"{s['name']} (btg {s['btg']})" for s in scenarios))


class FusionGraph(torch.nn.Module):
    def __init__(self, W, T):
        super().__init__()
        self.W, self.T = W, T

    def forward(self, V, init, keys, U, tex, valid):
        O, steps, beta, _ = fusion(V + init[:, :, None, None], keys, U, tex, valid, self.W, self.T)
        return O, steps, beta


class MiddleGraph(torch.nn.Module):
    def __init__(self, W, d):
        super().__init__()
        self.W, self.d, self.cell = W, d, gru_cell(W, d)

    def forward(self, U, keys, s, V, vbar, h, valid):
        out, _ = middle(U, keys, s, V, vbar, h, valid, self.W, self.d, self.cell)
        return out['h'], out['O'], out['steps'], out['beta'], out['F'], out['alpha']


def write_onnx(out_dir, d, btg):
    os.makedirs(out_dir, exist_ok=True)
    W = random_weights(d, 7, btg)
    blob, layout, _ = build_blob(W, False)
    with open(os.path.join(out_dir, 'kernels.bin'), 'wb') as f:
        f.write(blob)
    with open(os.path.join(out_dir, 'kernels.json'), 'w') as f:
        json.dump(layout, f)
    x = random_inputs(d, d['L'], 8)
    init = torch.zeros(1, d['D'])
    fusion_in = (x['V'], init, x['keys'], x['U'], x['U'][:, :, :d['D']], x['valid'])
    torch.onnx.export(FusionGraph(W, d['T']), fusion_in, os.path.join(out_dir, 'fusion.onnx'), opset_version=17,
                      input_names=['V', 'init', 'keys', 'U', 'tex', 'valid'], output_names=['O', 'steps', 'beta'])
    middle_in = tuple(x[k] for k in ('U', 'keys', 's', 'V', 'vbar', 'h', 'valid'))
    torch.onnx.export(MiddleGraph(W, d), middle_in, os.path.join(out_dir, 'middle.onnx'), opset_version=17,
                      input_names=['U', 'keys', 's', 'V', 'vbar', 'h', 'valid'],
                      output_names=['h_new', 'O', 'steps', 'beta', 'F', 'alpha'])
    with open(os.path.join(out_dir, 'dims.json'), 'w') as f:
        json.dump(dict(dims=d, btg=btg), f)
    print(f'wrote {out_dir}: fusion.onnx, middle.onnx, kernels.bin, kernels.json, dims.json')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'kernels-torch.json'))
    ap.add_argument('--onnx', help='write benchmark ONNX graphs and kernel weights (shapes-v1) to this folder')
    ap.add_argument('--btg', type=float, default=0.75, help='termination gate bias baked into the --onnx weights')
    args = ap.parse_args()
    if args.onnx:
        write_onnx(args.onnx, SHAPES_V1, args.btg)
    else:
        write_fixture(os.path.normpath(args.out))
