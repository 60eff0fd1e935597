/** Data-driven fusion cases: seeded inputs, dims, termination regime and tolerance, for every test tier. */
import { fusionRef, fusionWeights, type FusionInputs, type FusionResult, type StopRule } from './fusion.ref.ts';
import { F32_TOL, type CaseBase, type Outputs } from '../cases.ts';
import { SHAPES_V1, type KernelDims } from '../dims.ts';
import { randomKernelWeights, rng, uniform } from '../random.ts';
import type { KernelWeights } from '../weights.ts';

/** One fusion case; `expect` names the termination pattern the case exists to cover. */
export interface FusionCase extends CaseBase {
  termination: boolean;
  /** The gate's stop threshold (config.stop_threshold); 0.5, what every committed pack uses, where not given. */
  threshold?: number;
  /** Termination gate bias (large positive: every region stops at step 1; large negative: none stops early). */
  btg: number;
  expect: 'mixed' | 'all stop at step 1' | 'none stop early';
  /** Workgroup size override (default 32); small sizes make every per-invocation loop wrap. */
  wg?: number;
}

/** Seeded inputs of a fusion case. */
export interface FusionCaseInputs extends FusionInputs {
  weights: KernelWeights;
}

const ODD: KernelDims = { L: 7, K: 20, D: 12, G: 5, Ms: 5, H: 9, T: 3 };
// Chained C-GRU steps and int8 weights: the same f32 math, reassociated differently on the GPU.
const TOL = { atol: 5e-5, rtol: 2e-4 };

/** The fusion cases (edge cases: L = 1, all / none terminated, odd sizes, padding, T = 1, int8, stop thresholds). */
export const fusionCases: FusionCase[] = [
  { name: 'shapes-v1 mixed steps, padded', dims: SHAPES_V1, len: 20, seed: 31, termination: true, btg: -0.4, expect: 'mixed', wg: 8, tol: TOL },
  { name: 'shapes-v1 int8 mixed steps', dims: SHAPES_V1, len: 32, seed: 32, i8: true, termination: true, btg: 0.7, expect: 'mixed', wg: 64, tol: TOL },
  { name: 'all terminated at step 1', dims: SHAPES_V1, len: 12, seed: 33, termination: true, btg: 40, expect: 'all stop at step 1', tol: TOL },
  { name: 'none terminated', dims: SHAPES_V1, len: 12, seed: 34, termination: true, btg: -40, expect: 'none stop early', tol: TOL },
  { name: 'termination disabled', dims: SHAPES_V1, len: 25, seed: 35, termination: false, btg: 0.4, expect: 'none stop early', tol: TOL },
  { name: 'L=1', dims: { ...ODD, L: 1 }, len: 1, seed: 36, termination: true, btg: -0.5, expect: 'mixed', tol: TOL },
  { name: 'odd sizes G=5 D=12 K=20', dims: ODD, len: 5, seed: 37, termination: true, btg: -1, expect: 'mixed', tol: TOL },
  { name: 'odd sizes int8', dims: ODD, len: 7, seed: 38, i8: true, termination: true, btg: 0.6, expect: 'mixed', tol: TOL },
  { name: 'T=1', dims: { ...ODD, T: 1 }, len: 4, seed: 39, termination: true, btg: 0, expect: 'all stop at step 1', tol: F32_TOL },
  { name: 'single region G=1', dims: { ...ODD, G: 1, T: 4 }, len: 3, seed: 40, termination: true, btg: -40, expect: 'none stop early', tol: TOL },
  // Another stop threshold moves the decisions: 1/0/0/63 regions per step count here, 52/1/0/11 at 0.5.
  { name: 'stop threshold 0.7', dims: SHAPES_V1, len: 16, seed: 42, termination: true, threshold: 0.7, btg: -0.5, expect: 'mixed', tol: TOL },
  // 11/0/14 here, all 25 regions run T = 3 steps at 0.5.
  { name: 'stop threshold 0.2, odd sizes int8', dims: ODD, len: 6, seed: 41, i8: true, termination: true, threshold: 0.2, btg: -1, expect: 'mixed', tol: TOL },
];

/** The stop rule a case runs with. */
export function fusionStop(c: FusionCase): StopRule {
  return { adaptive: c.termination, threshold: c.threshold ?? 0.5 };
}

/** Builds the seeded inputs of a case. */
export function fusionInputs(c: FusionCase): FusionCaseInputs {
  const { L, K, D, G } = c.dims;
  const next = rng(c.seed);
  return {
    weights: randomKernelWeights(c.dims, c.seed + 1000, { i8: c.i8, btg: c.btg }),
    V: uniform(next, D * G * G),
    init: uniform(next, D, 0.5),
    keys: uniform(next, L * D, 1.5),
    U: uniform(next, L * K),
    tex: uniform(next, L * D),
  };
}

/** The CPU reference with its diagnostics (step counts, decision margins). */
export function fusionCaseRef(c: FusionCase, x = fusionInputs(c)): FusionResult {
  return fusionRef(fusionWeights(x.weights), x, c.dims, c.len, fusionStop(c));
}

/** CPU-reference outputs of a case; `active` is the number of regions run per step (zeros once all stopped). */
export function fusionReference(c: FusionCase): Outputs {
  const r = fusionCaseRef(c);
  const active = new Uint32Array(c.dims.T);
  active.set(r.activePerStep);
  return { O: r.O, steps: r.steps, beta: r.beta, active };
}
