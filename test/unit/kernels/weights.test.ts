// kernels.bin / kernels.json: packing, per-channel int8 quantization, and layout validation.
import { describe, expect, it } from 'vitest';
import { SHAPES_V1, weightShapes } from '../../../workers/kernels/dims.ts';
import { randomKernelWeights } from '../../../workers/kernels/random.ts';
import { buildKernelBlob, KernelWeights, numel, quantizePerChannel } from '../../../workers/kernels/weights.ts';
import { PackError } from '../../../workers/errors.ts';

describe('kernel weights', () => {
  it('round-trips f32 tensors and keeps offsets 4-byte aligned', () => {
    const a = Float32Array.from([1.5, -2, 3.25]);
    const b = Float32Array.from([7, 8, 9, 10, 11, 12]);
    const { bin, layout } = buildKernelBlob([
      { name: 'q', shape: [3], data: a, dtype: 'i8' },
      { name: 'a', shape: [3], data: a, dtype: 'f32' },
      { name: 'b', shape: [2, 3], data: b, dtype: 'f32' },
    ]);
    expect(layout.tensors.map((t) => t.offset % 4)).toEqual([0, 0, 0]);
    expect(layout.tensors[0]!.scaleOffset! % 4).toBe(0);
    const kw = new KernelWeights(bin, layout);
    expect(Array.from(kw.f32('a'))).toEqual(Array.from(a));
    expect(Array.from(kw.f32('b'))).toEqual(Array.from(b));
    // A 1-D int8 tensor has one scale per element, so it is exact up to f32 rounding.
    expect(Array.from(kw.f32('q'))).toEqual(Array.from(a).map((v) => Math.fround(Math.fround(Math.abs(v) / 127) * Math.sign(v) * 127)));
  });

  it('quantizes per output channel within half a step, with negative bytes stored two\'s complement', () => {
    const w = Float32Array.from([0.5, -0.25, 0.1, 0, 100, -100, 3, 0, 0, 0, 0, 0]);
    const { q, scales } = quantizePerChannel(w, 3);
    expect(Array.from(scales)).toEqual([0.5 / 127, 100 / 127, 1].map(Math.fround));
    expect(q[5]).toBe(-127);
    const { bin, layout } = buildKernelBlob([{ name: 'w', shape: [3, 4], data: w, dtype: 'i8' }]);
    expect(new Uint8Array(bin)[5]).toBe(0x81);
    const deq = new KernelWeights(bin, layout).f32('w');
    w.forEach((v, e) => expect(Math.abs(deq[e]! - v)).toBeLessThanOrEqual(scales[Math.floor(e / 4)]! / 2 + 1e-7));
  });

  it('accepts a bare array layout and checks shapes by name', () => {
    const kw = randomKernelWeights(SHAPES_V1, 1, { i8: true });
    const again = new KernelWeights(kw.bin, [...kw.tensors.values()]);
    for (const [name, shape] of Object.entries(weightShapes(SHAPES_V1))) {
      again.expectShape(name, shape);
      expect(again.f32(name).length).toBe(numel(shape));
      expect(again.entry(name).dtype).toBe(shape.length >= 2 ? 'i8' : 'f32');
    }
    expect(() => again.expectShape('fusion.w1', [1, 2])).toThrow(/fusion.w1 has shape/);
    expect(() => again.entry('nope')).toThrow(/missing tensor nope/);
  });

  it('rejects malformed layouts', () => {
    const bin = new ArrayBuffer(16);
    const bad = (t: object) => () => new KernelWeights(bin, [{ name: 'x', shape: [2], dtype: 'f32', offset: 0, ...t }]);
    expect(bad({ offset: 2 })).toThrow(PackError);
    expect(bad({ offset: 2 })).toThrow(/aligned/);
    expect(bad({ shape: [5] })).toThrow(/past the end/);
    expect(bad({ shape: [0] })).toThrow(/bad shape/);
    expect(bad({ dtype: 'i8' })).toThrow(/scaleOffset/);
    expect(bad({ dtype: 'f16' })).toThrow(/unknown dtype/);
    expect(() => new KernelWeights(bin, [
      { name: 'x', shape: [1], dtype: 'f32', offset: 0 }, { name: 'x', shape: [1], dtype: 'f32', offset: 4 },
    ])).toThrow(/duplicate/);
  });
});
