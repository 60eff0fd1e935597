// The TS CPU references vs an independent PyTorch implementation (models/kernel_fixture.py), within 1e-4,
// through kernels.bin/kernels.json written by Python (f32 and per-channel int8), at each scenario's stop threshold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attendMemoryRef } from '../../../workers/kernels/attention/attention.ref.ts';
import { compositeFeaturesRef } from '../../../workers/kernels/composite/composite.ref.ts';
import type { KernelDims } from '../../../workers/kernels/dims.ts';
import { fusionRef, fusionWeights } from '../../../workers/kernels/fusion/fusion.ref.ts';
import { trackerRef, trackerWeights } from '../../../workers/kernels/tracker/tracker.ref.ts';
import { KernelWeights, type KernelLayout } from '../../../workers/kernels/weights.ts';

interface Scenario {
  name: string;
  dims: KernelDims;
  len: number;
  termination: boolean;
  threshold: number;
  kernels_json: KernelLayout;
  kernels_bin_b64: string;
  inputs: Record<'U' | 'keys' | 's' | 'V' | 'vbar' | 'h', number[]>;
  expected: Record<'tex' | 'h' | 'init' | 'tbar' | 'g' | 'O' | 'steps' | 'beta' | 'alpha' | 'F', number[]>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/kernels-torch.json', import.meta.url), 'utf8')) as {
  scenarios: Scenario[];
};
const TOL = 1e-4;

function maxAbsDiff(got: ArrayLike<number>, want: number[]): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let e = 0; e < want.length; e++) worst = Math.max(worst, Math.abs(got[e]! - want[e]!));
  return worst;
}

describe('CPU references vs PyTorch fixture', () => {
  it('covers int8 weights, mixed step counts, fixed T and a stop threshold other than 0.5', () => {
    const kinds = fixture.scenarios.map((s) => [
      s.kernels_json.tensors.some((t) => t.dtype === 'i8'), new Set(s.expected.steps).size > 1, s.termination, s.threshold !== 0.5,
    ]);
    expect(kinds.some(([i8]) => i8)).toBe(true);
    expect(kinds.filter(([, mixed]) => mixed).length).toBeGreaterThanOrEqual(2);
    expect(kinds.some(([, , term]) => !term)).toBe(true);
    expect(kinds.some(([, mixed, term, other]) => mixed && term && other)).toBe(true);
  });

  it.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const bin = Buffer.from(s.kernels_bin_b64, 'base64');
    const kw = new KernelWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), s.kernels_json);
    const d = s.dims;
    const N = d.G * d.G;
    const f = (k: keyof Scenario['inputs']) => Float32Array.from(s.inputs[k]);
    const U = f('U');
    const { tex } = attendMemoryRef(U, kw.f32('mem'), kw.f32('mem_keys'), { ...d, len: s.len });
    expect(maxAbsDiff(tex, s.expected.tex)).toBeLessThan(TOL);
    const tr = trackerRef(trackerWeights(kw), { s: f('s'), vbar: f('vbar'), h: f('h'), tex }, d, s.len);
    for (const k of ['h', 'init', 'tbar', 'g'] as const) expect(maxAbsDiff(tr[k], s.expected[k]), k).toBeLessThan(TOL);
    const x = { V: f('V'), init: tr.init, keys: f('keys'), U, tex };
    const stop = { adaptive: s.termination, threshold: s.threshold };
    const fu = fusionRef(fusionWeights(kw), x, d, s.len, stop);
    expect(Array.from(fu.steps)).toEqual(s.expected.steps);
    // Where the threshold is not 0.5, it is what decides: at 0.5 the same inputs stop elsewhere.
    if (s.termination && s.threshold !== 0.5) {
      expect(Array.from(fusionRef(fusionWeights(kw), x, d, s.len, { ...stop, threshold: 0.5 }).steps)).not.toEqual(s.expected.steps);
    }
    expect(maxAbsDiff(fu.O, s.expected.O), 'O').toBeLessThan(TOL);
    expect(maxAbsDiff(fu.beta, s.expected.beta), 'beta').toBeLessThan(TOL);
    const co = compositeFeaturesRef(fu.O, f('V'), tr.g, N, d.D);
    expect(maxAbsDiff(co.alpha, s.expected.alpha), 'alpha').toBeLessThan(TOL);
    expect(maxAbsDiff(co.F, s.expected.F), 'F').toBeLessThan(TOL);
  });
});
