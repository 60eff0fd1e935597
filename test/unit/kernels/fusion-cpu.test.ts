// The fast CPU fusion (the WASM path's) against the reference: the same outputs to 1e-5 and the same step
// counts on every kernel case and on random ones (stop thresholds included), with buffers reused across runs;
// a perturbed weight shows.
import { describe, expect, it } from 'vitest';
import type { KernelDims } from '../../../workers/kernels/dims.ts';
import { FusionCpu } from '../../../workers/kernels/fusion/fusion.cpu.ts';
import { fusionCases, fusionInputs, fusionStop, type FusionCase } from '../../../workers/kernels/fusion/fusion.cases.ts';
import {
  fusionRef, fusionWeights, type FusionResult, type FusionWeights, type StopRule,
} from '../../../workers/kernels/fusion/fusion.ref.ts';
import { rng } from '../../../workers/kernels/random.ts';

const TOL = 1e-5;

const maxAbs = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let e = 0; e < a.length; e++) worst = Math.max(worst, Math.abs(a[e]! - b[e]!));
  return worst;
};

/** Largest difference of O and beta; step counts and active counts per step must be identical. */
function diff(got: FusionResult, want: FusionResult): number {
  expect(Array.from(got.steps)).toEqual(Array.from(want.steps));
  expect(got.activePerStep).toEqual(want.activePerStep);
  return Math.max(maxAbs(got.O, want.O), maxAbs(got.beta, want.beta));
}

// Random dims (odd sizes, G = 1..9), gate biases around the point where regions start to stop, and every other
// case a stop threshold other than 0.5.
const random: FusionCase[] = Array.from({ length: 12 }, (_, k) => {
  const next = rng(500 + k);
  const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const dims: KernelDims = { L: pick(1, 12), K: pick(1, 24), D: pick(1, 20), G: pick(1, 9), Ms: 2, H: 2, T: pick(1, 5) };
  return {
    name: `random ${k}: ${JSON.stringify(dims)}`, dims, len: pick(1, dims.L), seed: 600 + k, i8: k % 3 === 0,
    termination: k % 5 !== 4, btg: 2 * next() - 1, threshold: k % 2 ? 0.2 + 0.6 * next() : undefined, expect: 'mixed',
    tol: { atol: TOL, rtol: 0 },
  };
});

describe('FusionCpu matches fusionRef', () => {
  it.each([...fusionCases, ...random].map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const x = fusionInputs(c);
    const w = fusionWeights(x.weights);
    const want = fusionRef(w, x, c.dims, c.len, fusionStop(c));
    expect(diff(new FusionCpu(w, c.dims).run(x, c.len, fusionStop(c)), want)).toBeLessThanOrEqual(TOL);
  });

  it('covers early termination: some cases stop regions before T, in a mixed pattern', () => {
    const mixed = [...fusionCases, ...random].filter((c) => {
      const x = fusionInputs(c);
      const steps = new Set(fusionRef(fusionWeights(x.weights), x, c.dims, c.len, fusionStop(c)).steps);
      return c.dims.T > 1 && steps.size > 1;
    });
    expect(mixed.length).toBeGreaterThanOrEqual(6);
  });

  it('reuses its buffers across turns of different lengths, termination settings and thresholds', () => {
    const c = fusionCases[0]!;
    const x = fusionInputs(c);
    const w = fusionWeights(x.weights);
    const fast = new FusionCpu(w, c.dims);
    const at = (adaptive: boolean, threshold = 0.5): StopRule => ({ adaptive, threshold });
    const runs = [[c.len, at(true)], [3, at(true)], [c.dims.L, at(false)], [1, at(true)], [c.len, at(true, 0.35)], [c.len, at(true)]] as const;
    for (const [len, stop] of runs) {
      expect(diff(fast.run(x, len, stop), fusionRef(w, x, c.dims, len, stop))).toBeLessThanOrEqual(TOL);
    }
  });

  it('stops regions at the given threshold: another one changes the step counts as the reference does', () => {
    for (const c of fusionCases.filter((k) => k.threshold !== undefined && k.threshold !== 0.5)) {
      const x = fusionInputs(c);
      const w = fusionWeights(x.weights);
      const fast = new FusionCpu(w, c.dims);
      const steps = (stop: StopRule) => Array.from(fast.run(x, c.len, stop).steps);
      const [own, half] = [steps(fusionStop(c)), steps({ ...fusionStop(c), threshold: 0.5 })];
      expect(own, c.name).toEqual(Array.from(fusionRef(w, x, c.dims, c.len, fusionStop(c)).steps));
      expect(own, c.name).not.toEqual(half);
    }
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])('rejects the stop threshold %s', (threshold) => {
    const c = fusionCases[0]!;
    const x = fusionInputs(c);
    const w = fusionWeights(x.weights);
    const stop = { adaptive: true, threshold };
    expect(() => new FusionCpu(w, c.dims).run(x, c.len, stop)).toThrow(/stop threshold .* must be a number in \(0, 1\)/);
    expect(() => fusionRef(w, x, c.dims, c.len, stop)).toThrow(RangeError);
  });

  it('does work only for active regions: region-steps equal the sum of steps, fewer than fixed T', () => {
    const c = fusionCases[0]!;
    const x = fusionInputs(c);
    const fast = new FusionCpu(fusionWeights(x.weights), c.dims);
    const adaptive = fast.run(x, c.len, fusionStop(c));
    const used = adaptive.activePerStep.reduce((a, b) => a + b, 0);
    expect(used).toBe(Array.from(adaptive.steps).reduce((a, b) => a + b, 0));
    expect(used).toBeLessThan(c.dims.G * c.dims.G * c.dims.T);
    expect(fast.run(x, c.len, { ...fusionStop(c), adaptive: false }).activePerStep.reduce((a, b) => a + b, 0)).toBe(c.dims.G * c.dims.G * c.dims.T);
  });

  // The comparison can fail: nudging any single weight the fast path reads moves its outputs past the tolerance.
  it.each(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'b1', 'b2', 'b5', 'b7', 'wtg'] as const)('catches a perturbed %s', (name) => {
    const c = fusionCases[0]!;
    const x = fusionInputs(c);
    const w = fusionWeights(x.weights);
    const want = fusionRef(w, x, c.dims, c.len, fusionStop(c));
    const bad: FusionWeights = { ...w, [name]: w[name].slice() };
    // A conv weight's centre tap of output 0, input 0 (every region uses it); element 0 of a vector.
    bad[name][name.startsWith('w') && name !== 'wtg' ? 4 : 0]! += 0.05;
    const got = new FusionCpu(bad, c.dims).run(x, c.len, fusionStop(c));
    const stepsDiffer = Array.from(got.steps).some((s, i) => s !== want.steps[i]);
    expect(stepsDiffer || Math.max(maxAbs(got.O, want.O), maxAbs(got.beta, want.beta)) > TOL).toBe(true);
  });
});
