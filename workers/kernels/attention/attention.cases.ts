/** Data-driven memory attention cases: seeded inputs, dims and tolerance, run against the CPU ref and the GPU. */
import { attendMemoryRef } from './attention.ref.ts';
import { F32_TOL, type CaseBase, type Outputs } from '../cases.ts';
import { SHAPES_V1, type KernelDims } from '../dims.ts';
import { randomKernelWeights, rng, uniform } from '../random.ts';
import type { KernelWeights } from '../weights.ts';

/** One memory attention case. */
export type AttentionCase = CaseBase;

/** Seeded inputs of an attention case: the words, and kernel weights holding `mem` and `mem_keys`. */
export interface AttentionInputs {
  weights: KernelWeights;
  U: Float32Array;
}

const ODD: KernelDims = { L: 7, K: 20, D: 12, G: 5, Ms: 5, H: 9, T: 3 };

/** The attention cases (edge cases: L = 1, padding, no padding, odd sizes, int8 memory). */
export const attentionCases: AttentionCase[] = [
  { name: 'memory shapes-v1 padded', dims: SHAPES_V1, len: 9, seed: 21, tol: F32_TOL },
  { name: 'memory shapes-v1 int8', dims: SHAPES_V1, len: 32, seed: 22, i8: true, tol: F32_TOL },
  { name: 'memory odd int8', dims: ODD, len: 3, seed: 23, i8: true, tol: F32_TOL },
  { name: 'memory L=1', dims: { ...ODD, L: 1 }, len: 1, seed: 24, tol: F32_TOL },
];

/** Builds the seeded inputs of a case. */
export function attentionInputs(c: AttentionCase): AttentionInputs {
  const { L, K } = c.dims;
  return { weights: randomKernelWeights(c.dims, c.seed + 1000, { i8: c.i8 }), U: uniform(rng(c.seed), L * K) };
}

/** CPU-reference outputs of a case. */
export function attentionReference(c: AttentionCase, x: AttentionInputs): Outputs {
  const { L, K, D, Ms } = c.dims;
  return attendMemoryRef(x.U, x.weights.f32('mem'), x.weights.f32('mem_keys'), { L, len: c.len, K, D, Ms });
}
