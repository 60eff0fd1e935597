/**
 * CPU reference of LBIE fusion (models/MATH.md step 5): test oracle and the WASM-fallback path.
 * Layouts: V (D, N) channel-major, init (D), keys (L, D), U (L, K), tex (L, D); outputs O (D, N),
 * steps (N), beta (N, L) at each region's final step.
 *
 * Frozen regions: a region that stops after step t took part in all of step t (including S = S_next);
 * from step t+1 on it is skipped and its S, Uh, r*S, h (and beta) keep their final values, which active
 * neighbours read through the 3x3 convolutions. This equals PyTorch's eval-mode `where(active, new, old)`.
 */
import { softmaxInPlace } from '../attention/attention.ref.ts';
import type { KernelDims } from '../dims.ts';
import type { KernelWeights } from '../weights.ts';

/** Fusion weights as dequantized f32 (conv weights (Cout, Cin, 3, 3), w_tg (D), b_tg (1)). */
export interface FusionWeights {
  w1: Float32Array; w2: Float32Array; w3: Float32Array; w4: Float32Array;
  w5: Float32Array; w6: Float32Array; w7: Float32Array;
  b1: Float32Array; b2: Float32Array; b5: Float32Array; b7: Float32Array;
  wtg: Float32Array; btg: Float32Array;
}

/** Reads (and dequantizes) the fusion tensors of a kernel weight blob. */
export function fusionWeights(kw: KernelWeights): FusionWeights {
  const f = (n: string) => kw.f32(`fusion.${n}`);
  return {
    w1: f('w1'), w2: f('w2'), w3: f('w3'), w4: f('w4'), w5: f('w5'), w6: f('w6'), w7: f('w7'),
    b1: f('b1'), b2: f('b2'), b5: f('b5'), b7: f('b7'), wtg: f('w_tg'), btg: f('b_tg'),
  };
}

/** Inputs of one fusion call. */
export interface FusionInputs {
  V: Float32Array;
  init: Float32Array;
  keys: Float32Array;
  U: Float32Array;
  tex: Float32Array;
}

/**
 * When a region stops (models/MATH.md step 5): after the first step whose gate p = sig(w_tg . S_next + b_tg) exceeds
 * `threshold`, the pack's config.stop_threshold (model.py compares with it too); `adaptive: false` runs all T steps.
 */
export interface StopRule {
  adaptive: boolean;
  threshold: number;
}

/** Throws unless the threshold is a probability strictly inside (0, 1): p is a sigmoid, so 0 or 1 would make the
 *  gate stop every region at once or never. */
export function checkStopRule(stop: StopRule): void {
  if (typeof stop.threshold !== 'number' || !(stop.threshold > 0 && stop.threshold < 1)) {
    throw new RangeError(`stop threshold ${stop.threshold} must be a number in (0, 1)`);
  }
}

/** Outputs, plus diagnostics for tests and the benchmark. */
export interface FusionResult {
  O: Float32Array;
  steps: Uint32Array;
  beta: Float32Array;
  /** Active regions per step (their sum is the number of region-steps executed). */
  activePerStep: number[];
  /** Smallest |p - threshold| over all termination decisions taken (how close a decision was to flipping). */
  minMargin: number;
}

/** Output channel o at region i of a zero-padded 3x3 convolution of W (Cout, cin, 3, 3) over X (cin, N). */
export function convAt(W: Float32Array, X: Float32Array, cin: number, o: number, i: number, G: number): number {
  const N = G * G;
  const y = Math.floor(i / G);
  const x = i % G;
  let acc = 0;
  for (let ky = 0; ky < 3; ky++) {
    for (let kx = 0; kx < 3; kx++) {
      const ny = y + ky - 1;
      const nx = x + kx - 1;
      if (ny < 0 || nx < 0 || ny >= G || nx >= G) continue;
      const n = ny * G + nx;
      for (let c = 0; c < cin; c++) acc += W[((o * cin + c) * 3 + ky) * 3 + kx]! * X[c * N + n]!;
    }
  }
  return acc;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Word-region attention of region i from S (D, N): writes beta row i (zeros at padding) and column i of Uh. */
function attendRegion(
  S: Float32Array, i: number, keys: Float32Array, U: Float32Array, tex: Float32Array,
  d: { N: number; L: number; len: number; D: number; K: number }, beta: Float32Array, Uh: Float32Array,
): void {
  const { N, L, len, D, K } = d;
  const row = i * L;
  for (let j = 0; j < L; j++) {
    let s = 0;
    if (j < len) for (let c = 0; c < D; c++) s += S[c * N + i]! * keys[j * D + c]!;
    beta[row + j] = s / Math.sqrt(D);
  }
  softmaxInPlace(beta, row, len);
  beta.fill(0, row + len, row + L);
  for (let a = 0; a < K + D; a++) {
    let acc = 0;
    for (let j = 0; j < len; j++) acc += beta[row + j]! * (a < K ? U[j * K + a]! : tex[j * D + a - K]!);
    Uh[a * N + i] = acc;
  }
}

/** Runs fusion for up to T steps, regions stopping by `stop`. */
export function fusionRef(w: FusionWeights, x: FusionInputs, d: KernelDims, len: number, stop: StopRule): FusionResult {
  checkStopRule(stop);
  const { adaptive, threshold } = stop;
  const { G, D, K, L, T } = d;
  const N = G * G;
  const A = K + D;
  const dims = { N, L, len, D, K };
  const S = new Float32Array(D * N);
  for (let c = 0; c < D; c++) for (let i = 0; i < N; i++) S[c * N + i] = x.V[c * N + i]! + x.init[c]!;
  const Uh = new Float32Array(A * N);
  const rS = new Float32Array(D * N);
  const z = new Float32Array(D * N);
  const h = new Float32Array(D * N);
  const beta = new Float32Array(N * L);
  const steps = new Uint32Array(N);
  const activePerStep: number[] = [];
  let active = Array.from({ length: N }, (_, i) => i);
  let minMargin = Infinity;
  for (let t = 0; t < T && active.length > 0; t++) {
    activePerStep.push(active.length);
    // Each phase finishes for every active region before the next starts: neighbours must be up to date.
    for (const i of active) attendRegion(S, i, x.keys, x.U, x.tex, dims, beta, Uh);
    for (const i of active) {
      for (let o = 0; o < D; o++) {
        z[o * N + i] = sigmoid(convAt(w.w1, S, D, o, i, G) + convAt(w.w2, Uh, A, o, i, G) + w.b1[o]!);
        const r = sigmoid(convAt(w.w3, S, D, o, i, G) + convAt(w.w4, Uh, A, o, i, G) + w.b2[o]!);
        rS[o * N + i] = r * S[o * N + i]!;
      }
    }
    for (const i of active) {
      for (let o = 0; o < D; o++) {
        const c = Math.max(0, convAt(w.w5, rS, D, o, i, G) + convAt(w.w6, Uh, A, o, i, G) + w.b5[o]!);
        const zo = z[o * N + i]!;
        h[o * N + i] = (1 - zo) * S[o * N + i]! + zo * c;
      }
    }
    const Snext = active.map((i) => Array.from({ length: D }, (_, o) => convAt(w.w7, h, D, o, i, G) + w.b7[o]!));
    const still: number[] = [];
    active.forEach((i, k) => {
      let logit = w.btg[0]!;
      for (let o = 0; o < D; o++) {
        S[o * N + i] = Snext[k]![o]!;
        logit += w.wtg[o]! * Snext[k]![o]!;
      }
      const p = sigmoid(logit);
      if (adaptive && t < T - 1) minMargin = Math.min(minMargin, Math.abs(p - threshold));
      if (t === T - 1 || (adaptive && p > threshold)) steps[i] = t + 1;
      else still.push(i);
    });
    active = still;
  }
  // O_i = h_i at the region's final step, which is exactly what frozen h holds.
  return { O: h, steps, beta, activePerStep, minMargin };
}
