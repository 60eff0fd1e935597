/** Data-driven tracker cases: seeded inputs, dims and tolerance, for every test tier. */
import { trackerRef, trackerWeights, type TrackerInputs } from './tracker.ref.ts';
import { F32_TOL, type CaseBase, type Outputs } from '../cases.ts';
import { SHAPES_V1 } from '../dims.ts';
import { randomKernelWeights, rng, uniform } from '../random.ts';
import type { KernelWeights } from '../weights.ts';

/** One tracker case; `firstTurn` starts from h = 0 as the app does. */
export interface TrackerCase extends CaseBase {
  firstTurn?: boolean;
}

/** Seeded inputs of a tracker case. */
export interface TrackerCaseInputs extends TrackerInputs {
  weights: KernelWeights;
}

/** The tracker cases (first turn, later turn, odd sizes, L = 1, int8). */
export const trackerCases: TrackerCase[] = [
  { name: 'shapes-v1 first turn', dims: SHAPES_V1, len: 10, seed: 41, firstTurn: true, tol: F32_TOL },
  { name: 'shapes-v1 later turn', dims: SHAPES_V1, len: 32, seed: 42, tol: F32_TOL },
  { name: 'shapes-v1 int8', dims: SHAPES_V1, len: 17, seed: 43, i8: true, tol: F32_TOL },
  { name: 'odd sizes K=20 D=12 H=9', dims: { L: 7, K: 20, D: 12, G: 5, Ms: 5, H: 9, T: 3 }, len: 5, seed: 44, tol: F32_TOL },
  { name: 'L=1 int8', dims: { L: 1, K: 20, D: 12, G: 5, Ms: 5, H: 9, T: 3 }, len: 1, seed: 45, i8: true, tol: F32_TOL },
];

/** Builds the seeded inputs of a case. */
export function trackerInputs(c: TrackerCase): TrackerCaseInputs {
  const { L, K, D, H } = c.dims;
  const next = rng(c.seed);
  return {
    weights: randomKernelWeights(c.dims, c.seed + 1000, { i8: c.i8 }),
    s: uniform(next, K),
    vbar: uniform(next, D),
    h: c.firstTurn ? new Float32Array(H) : uniform(next, H, 0.9),
    tex: uniform(next, L * D),
  };
}

/** CPU-reference outputs of a case. */
export function trackerReference(c: TrackerCase): Outputs {
  const x = trackerInputs(c);
  return { ...trackerRef(trackerWeights(x.weights), x, c.dims, c.len) };
}
