/** Data-driven attention cases: seeded inputs, dims and tolerance, run against the CPU ref and the GPU. */
import { attendMemoryRef, attendRegionsRef } from './attention.ref.ts';
import { F32_TOL, type CaseBase, type Outputs } from '../cases.ts';
import { SHAPES_V1, type KernelDims } from '../dims.ts';
import { randomKernelWeights, rng, uniform } from '../random.ts';
import type { KernelWeights } from '../weights.ts';

/** One attention case: word-region or word-memory mode. */
export interface AttentionCase extends CaseBase {
  mode: 'regions' | 'memory';
}

/** Seeded inputs of an attention case. */
export interface AttentionInputs {
  weights: KernelWeights;
  S: Float32Array;
  keys: Float32Array;
  U: Float32Array;
  tex: Float32Array;
}

const ODD: KernelDims = { L: 7, K: 20, D: 12, G: 5, Ms: 5, H: 9, T: 3 };
const TINY: KernelDims = { L: 1, K: 3, D: 2, G: 1, Ms: 1, H: 2, T: 1 };

/** The attention cases (edge cases: L = 1, padding, no padding, odd sizes, int8 memory). */
export const attentionCases: AttentionCase[] = [
  { name: 'regions shapes-v1 padded', mode: 'regions', dims: SHAPES_V1, len: 20, seed: 11, tol: F32_TOL },
  { name: 'regions shapes-v1 no padding', mode: 'regions', dims: SHAPES_V1, len: 32, seed: 12, tol: F32_TOL },
  { name: 'regions L=1', mode: 'regions', dims: { ...ODD, L: 1 }, len: 1, seed: 13, tol: F32_TOL },
  { name: 'regions odd sizes', mode: 'regions', dims: ODD, len: 5, seed: 14, tol: F32_TOL },
  { name: 'regions tiny', mode: 'regions', dims: TINY, len: 1, seed: 15, tol: F32_TOL },
  { name: 'memory shapes-v1 padded', mode: 'memory', dims: SHAPES_V1, len: 9, seed: 21, tol: F32_TOL },
  { name: 'memory shapes-v1 int8', mode: 'memory', dims: SHAPES_V1, len: 32, seed: 22, i8: true, tol: F32_TOL },
  { name: 'memory odd int8', mode: 'memory', dims: ODD, len: 3, seed: 23, i8: true, tol: F32_TOL },
  { name: 'memory L=1', mode: 'memory', dims: { ...ODD, L: 1 }, len: 1, seed: 24, tol: F32_TOL },
];

/** Builds the seeded inputs of a case. */
export function attentionInputs(c: AttentionCase): AttentionInputs {
  const { L, K, D, G } = c.dims;
  const next = rng(c.seed);
  return {
    weights: randomKernelWeights(c.dims, c.seed + 1000, { i8: c.i8 }),
    S: uniform(next, D * G * G, 1.5),
    keys: uniform(next, L * D, 1.5),
    U: uniform(next, L * K),
    tex: uniform(next, L * D),
  };
}

/** CPU-reference outputs of a case. */
export function attentionReference(c: AttentionCase, x: AttentionInputs): Outputs {
  const { L, K, D, G, Ms } = c.dims;
  if (c.mode === 'regions') return attendRegionsRef(x.S, x.keys, x.U, x.tex, { N: G * G, L, len: c.len, D, K });
  return attendMemoryRef(x.U, x.weights.f32('mem'), x.weights.f32('mem_keys'), { L, len: c.len, K, D, Ms });
}
