/** Data-driven compositing cases: seeded inputs, sizes and tolerance, for every test tier. */
import { compositeFeaturesRef, compositePixelsRef } from './composite.ref.ts';
import { F32_TOL, type CaseBase, type Outputs } from '../cases.ts';
import { SHAPES_V1 } from '../dims.ts';
import { rng, uniform } from '../random.ts';

/** One compositing case: feature mode uses dims.G / dims.D, pixel mode an S x S image with C channels. */
export interface CompositeCase extends CaseBase {
  mode: 'features' | 'pixels';
  /** Image side (pixel mode). */
  S?: number;
  lo?: number;
  hi?: number;
}

/** Seeded inputs of a case (all modes' fields; unused ones are empty). */
export interface CompositeInputs {
  O: Float32Array;
  V: Float32Array;
  g: Float32Array;
  rgb: Float32Array;
  maskLogit: Float32Array;
  source: Float32Array;
}

/** The compositing cases (odd sizes not a multiple of the workgroup size, saturated masks). */
export const compositeCases: CompositeCase[] = [
  { name: 'features shapes-v1', mode: 'features', dims: SHAPES_V1, len: 1, seed: 51, tol: F32_TOL },
  { name: 'features odd G=5 D=12', mode: 'features', dims: { ...SHAPES_V1, G: 5, D: 12 }, len: 1, seed: 52, tol: F32_TOL },
  { name: 'pixels 64x64', mode: 'pixels', dims: SHAPES_V1, len: 1, seed: 53, S: 64, lo: 0.1, hi: 0.9, tol: F32_TOL },
  { name: 'pixels odd 37x37', mode: 'pixels', dims: SHAPES_V1, len: 1, seed: 54, S: 37, lo: 0.2, hi: 0.7, tol: F32_TOL },
];

/** Builds the seeded inputs of a case. */
export function compositeInputs(c: CompositeCase): CompositeInputs {
  const next = rng(c.seed);
  const ND = c.dims.D * c.dims.G * c.dims.G;
  const P = c.mode === 'pixels' ? c.S! * c.S! : 0;
  // Logits span +-6 so the mask saturates at both ends of the clamp.
  return {
    O: uniform(next, c.mode === 'features' ? ND : 0),
    V: uniform(next, c.mode === 'features' ? ND : 0),
    g: uniform(next, c.mode === 'features' ? c.dims.D : 0, 0.5),
    rgb: uniform(next, 3 * P).map((v) => 0.5 + 0.5 * v),
    maskLogit: uniform(next, P, 6),
    source: uniform(next, 3 * P).map((v) => 0.5 + 0.5 * v),
  };
}

/** CPU-reference outputs of a case. */
export function compositeReference(c: CompositeCase): Outputs {
  const x = compositeInputs(c);
  if (c.mode === 'features') return { ...compositeFeaturesRef(x.O, x.V, x.g, c.dims.G * c.dims.G, c.dims.D) };
  return { ...compositePixelsRef(x.rgb, x.maskLogit, x.source, c.lo!, c.hi!) };
}
