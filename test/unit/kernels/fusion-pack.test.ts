// The GPU layout of the fusion weights: [tap][input c][output o] quads, zero padding, int8 kept only when
// every conv weight is int8 (the shader's CONV_I8 path), and scales/vectors where the offsets say.
import { describe, expect, it } from 'vitest';
import type { KernelDims } from '../../../workers/kernels/dims.ts';
import { pad4, packFusionWeights, SLOT } from '../../../workers/kernels/fusion/fusion-pack.ts';
import { randomKernelWeights } from '../../../workers/kernels/random.ts';
import { buildKernelBlob, KernelWeights } from '../../../workers/kernels/weights.ts';

const d: KernelDims = { L: 3, K: 5, D: 6, G: 3, Ms: 2, H: 3, T: 2 };
const D4 = pad4(d.D);

describe('packFusionWeights', () => {
  it.each([false, true])('places W[o, c, tap] at ((tap * cinP + c) * D4 + o), int8=%s', (i8) => {
    const kw = randomKernelWeights(d, 3, { i8 });
    const packed = packFusionWeights(kw, d);
    expect(packed.i8).toBe(i8);
    const f32 = new Float32Array(packed.words.buffer);
    const bytes = new Int8Array(packed.words.buffer);
    for (const [k, cin] of [[1, d.D], [2, d.K + d.D], [7, d.D]] as const) {
      const w = kw.f32(`fusion.w${k}`);
      const cinP = pad4(cin);
      const base = packed.offsets[SLOT.w + k - 1]! * 16;
      const scale = new Float32Array(packed.words.buffer, packed.offsets[SLOT.scale + k - 1]! * 16, D4);
      for (let t = 0; t < 9; t++) {
        for (let c = 0; c < cinP; c++) {
          for (let o = 0; o < D4; o++) {
            const e = (t * cinP + c) * D4 + o;
            const got = i8 ? bytes[base + e]! * scale[o]! : f32[base / 4 + e]!;
            const want = o < d.D && c < cin ? w[(o * cin + c) * 9 + t]! : 0;
            expect(got).toBeCloseTo(want, 6);
          }
        }
      }
    }
    const vec = (slot: number) => Array.from(new Float32Array(packed.words.buffer, packed.offsets[slot]! * 16, D4));
    expect(vec(SLOT.b7)).toEqual([...kw.f32('fusion.b7'), 0, 0]);
    expect(vec(SLOT.wtg)).toEqual([...kw.f32('fusion.w_tg'), 0, 0]);
    expect(vec(SLOT.btg)[0]).toBe(kw.f32('fusion.b_tg')[0]);
  });

  it('falls back to dequantized f32 when only some conv weights are int8', () => {
    const full = randomKernelWeights(d, 4, { i8: true });
    const tensors = [...full.tensors.values()].map((t) => ({
      name: t.name, shape: t.shape, data: full.f32(t.name), dtype: t.name === 'fusion.w3' ? ('f32' as const) : t.dtype,
    }));
    const { bin, layout } = buildKernelBlob(tensors);
    const packed = packFusionWeights(new KernelWeights(bin, layout), d);
    expect(packed.i8).toBe(false);
    const w1 = full.f32('fusion.w1');
    expect(new Float32Array(packed.words.buffer)[packed.offsets[SLOT.w]! * 4]).toBeCloseTo(w1[0]!, 6);
  });
});
