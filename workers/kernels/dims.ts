/** Model dimensions the kernels take as uniforms (the pack manifest's `config`), and the weight shapes they imply. */

/** Dimensions per models/MATH.md; `len` (valid tokens, 1..L) is per turn and passed separately. */
export interface KernelDims {
  /** Lmax, tokens per turn including padding. */
  L: number;
  /** Word dim. */
  K: number;
  /** Region dim. */
  D: number;
  /** Region grid side; N = G * G regions. */
  G: number;
  /** Memory slots. */
  Ms: number;
  /** Tracker dim. */
  H: number;
  /** Max fusion steps. */
  T: number;
}

/** The shapes-v1 defaults from MATH.md. */
export const SHAPES_V1: KernelDims = { L: 32, K: 64, D: 32, G: 8, Ms: 32, H: 64, T: 4 };

/** Checks that every dim is a positive integer and `len` is in 1..L. */
export function checkDims(d: KernelDims, len?: number): void {
  for (const [k, v] of Object.entries(d)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`dim ${k} = ${v} must be a positive integer`);
  }
  if (len !== undefined && (!Number.isInteger(len) || len < 1 || len > d.L)) {
    throw new RangeError(`len = ${len} must be in 1..${d.L}`);
  }
}

/** Shape of every kernel weight tensor (names as in MATH.md "Kernel weights"). */
export function weightShapes(d: KernelDims): Record<string, number[]> {
  const { K, D, H, Ms } = d;
  const A = K + D;
  return {
    mem: [Ms, D],
    mem_keys: [Ms, K],
    'tracker.w_ih': [3 * H, K + D],
    'tracker.w_hh': [3 * H, H],
    'tracker.b_ih': [3 * H],
    'tracker.b_hh': [3 * H],
    'tracker.w_init': [D, H],
    'tracker.b_init': [D],
    'tracker.w_g': [D, K + D + H],
    'tracker.b_g': [D],
    'fusion.w1': [D, D, 3, 3],
    'fusion.w2': [D, A, 3, 3],
    'fusion.w3': [D, D, 3, 3],
    'fusion.w4': [D, A, 3, 3],
    'fusion.w5': [D, D, 3, 3],
    'fusion.w6': [D, A, 3, 3],
    'fusion.w7': [D, D, 3, 3],
    'fusion.b1': [D],
    'fusion.b2': [D],
    'fusion.b5': [D],
    'fusion.b7': [D],
    'fusion.w_tg': [1, D],
    'fusion.b_tg': [1],
  };
}
