/**
 * Fast CPU fusion for the WASM path: the same math as fusionRef (models/MATH.md step 5, same frozen-region
 * semantics), laid out for speed. State is region-major (N, C) so a region's channels are contiguous; conv
 * weights are transposed once to [o/8][tap][c][8] so one pass over a neighbour's channels feeds eight
 * outputs from adjacent weights (measured 18% faster than four; sixteen spills registers and f64 weights
 * are slower); the three convs over Uh (w2, w4, w6) run as one, and w1 with w3 over S.
 * Buffers are allocated once per dims and reused across steps and turns; only active regions do work.
 * Sums run in f64 and stores round to f32 where the reference stores, so results match it to ~1e-7.
 */
import { softmaxInPlace } from '../attention/attention.ref.ts';
import type { KernelDims } from '../dims.ts';
import { checkStopRule, type FusionInputs, type FusionResult, type FusionWeights, type StopRule } from './fusion.ref.ts';

const pad8 = (n: number) => Math.ceil(n / 8) * 8;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Stacks conv weights (Cout_k, cin, 3, 3) along outputs and transposes to [o/8][tap][c][8], zero-padded to 8 outputs. */
function transposeConv(ws: Float32Array[], cin: number, D: number): Float32Array {
  const rows = pad8(D * ws.length);
  const out = new Float32Array(rows * 9 * cin);
  ws.forEach((w, k) => {
    for (let o = 0; o < D; o++) {
      const r = k * D + o;
      for (let c = 0; c < cin; c++) for (let t = 0; t < 9; t++) out[(((r >> 3) * 9 + t) * cin + c) * 8 + (r & 7)] = w[(o * cin + c) * 9 + t]!;
    }
  });
  return out;
}

/**
 * acc[0..rows) = zero-padded 3x3 convolution at region i of X (N, cin) region-major with weights from
 * transposeConv. Only taps inside the grid are visited, so border regions do less work.
 */
function convAt(W: Float32Array, X: Float32Array, cin: number, rows: number, i: number, G: number, acc: Float64Array): void {
  const y = (i / G) | 0;
  const x = i - y * G;
  const y0 = y === 0 ? 1 : 0;
  const y1 = y === G - 1 ? 2 : 3;
  const x0 = x === 0 ? 1 : 0;
  const x1 = x === G - 1 ? 2 : 3;
  for (let o8 = 0; o8 < rows; o8 += 8) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (let ky = y0; ky < y1; ky++) {
      for (let kx = x0; kx < x1; kx++) {
        const xb = ((y + ky - 1) * G + x + kx - 1) * cin;
        let wb = ((o8 >> 3) * 9 + ky * 3 + kx) * cin * 8;
        for (let c = 0; c < cin; c++, wb += 8) {
          const v = X[xb + c]!;
          a0 += W[wb]! * v;
          a1 += W[wb + 1]! * v;
          a2 += W[wb + 2]! * v;
          a3 += W[wb + 3]! * v;
          a4 += W[wb + 4]! * v;
          a5 += W[wb + 5]! * v;
          a6 += W[wb + 6]! * v;
          a7 += W[wb + 7]! * v;
        }
      }
    }
    acc[o8] = a0;
    acc[o8 + 1] = a1;
    acc[o8 + 2] = a2;
    acc[o8 + 3] = a3;
    acc[o8 + 4] = a4;
    acc[o8 + 5] = a5;
    acc[o8 + 6] = a6;
    acc[o8 + 7] = a7;
  }
}

/** Fusion with preallocated buffers for one set of weights and dims; outputs are views valid until the next run. */
export class FusionCpu {
  private readonly wS: Float32Array; // [w1; w3] over S
  private readonly wU: Float32Array; // [w2; w4; w6] over Uh
  private readonly w5: Float32Array;
  private readonly w7: Float32Array;
  private readonly rowsS: number;
  private readonly rowsU: number;
  private readonly rowsD: number;
  private readonly S: Float32Array;
  private readonly Uh: Float32Array;
  private readonly rS: Float32Array;
  private readonly z: Float32Array;
  private readonly h: Float32Array;
  private readonly cU: Float64Array; // w6 * Uh, computed with the gates, used by the candidate
  private readonly vals: Float32Array; // [U_j; tex_j] per word (L, A)
  private readonly accS: Float64Array;
  private readonly accU: Float64Array;
  private readonly uh: Float64Array;
  private readonly active: Int32Array;
  private readonly O: Float32Array;
  private readonly beta: Float32Array;
  private readonly steps: Uint32Array;

  constructor(
    private readonly w: FusionWeights,
    private readonly d: KernelDims,
  ) {
    const { D, K, L, G } = d;
    const N = G * G;
    const A = K + D;
    this.wS = transposeConv([w.w1, w.w3], D, D);
    this.wU = transposeConv([w.w2, w.w4, w.w6], A, D);
    this.w5 = transposeConv([w.w5], D, D);
    this.w7 = transposeConv([w.w7], D, D);
    [this.rowsS, this.rowsU, this.rowsD] = [pad8(2 * D), pad8(3 * D), pad8(D)];
    this.S = new Float32Array(N * D);
    this.Uh = new Float32Array(N * A);
    this.rS = new Float32Array(N * D);
    this.z = new Float32Array(N * D);
    this.h = new Float32Array(N * D);
    this.cU = new Float64Array(N * D);
    this.vals = new Float32Array(L * A);
    this.accS = new Float64Array(this.rowsS);
    this.accU = new Float64Array(this.rowsU);
    this.uh = new Float64Array(A);
    this.active = new Int32Array(N);
    this.O = new Float32Array(D * N);
    this.beta = new Float32Array(N * L);
    this.steps = new Uint32Array(N);
  }

  /** Runs up to T steps, regions stopping by `stop`; same outputs as fusionRef. */
  run(x: FusionInputs, len: number, stop: StopRule): FusionResult {
    checkStopRule(stop);
    const { adaptive, threshold } = stop;
    const { w, d, S, Uh, rS, z, h, cU, accS, accU, active, beta, steps } = this;
    const { G, D, K, T } = d;
    const N = G * G;
    const A = K + D;
    for (let j = 0; j < len; j++) {
      this.vals.set(x.U.subarray(j * K, (j + 1) * K), j * A);
      this.vals.set(x.tex.subarray(j * D, (j + 1) * D), j * A + K);
    }
    for (let i = 0; i < N; i++) for (let c = 0; c < D; c++) S[i * D + c] = x.V[c * N + i]! + x.init[c]!;
    h.fill(0);
    beta.fill(0);
    steps.fill(0);
    let nActive = N;
    for (let i = 0; i < N; i++) active[i] = i;
    const activePerStep: number[] = [];
    let minMargin = Infinity;
    const btg = w.btg[0]!;
    for (let t = 0; t < T && nActive > 0; t++) {
      activePerStep.push(nActive);
      // Phases run over all active regions in turn: neighbours must be up to date before the next phase reads them.
      for (let k = 0; k < nActive; k++) this.attend(active[k]!, x.keys, len);
      for (let k = 0; k < nActive; k++) {
        const i = active[k]!;
        convAt(this.wS, S, D, this.rowsS, i, G, accS);
        convAt(this.wU, Uh, A, this.rowsU, i, G, accU);
        for (let o = 0; o < D; o++) {
          const e = i * D + o;
          z[e] = sigmoid(accS[o]! + accU[o]! + w.b1[o]!);
          rS[e] = sigmoid(accS[D + o]! + accU[D + o]! + w.b2[o]!) * S[e]!;
          cU[e] = accU[2 * D + o]!;
        }
      }
      for (let k = 0; k < nActive; k++) {
        const i = active[k]!;
        convAt(this.w5, rS, D, this.rowsD, i, G, accS);
        for (let o = 0; o < D; o++) {
          const e = i * D + o;
          const c = Math.max(0, accS[o]! + cU[e]! + w.b5[o]!);
          const zo = z[e]!;
          h[e] = (1 - zo) * S[e]! + zo * c;
        }
      }
      // The next-state conv reads only h, so S can be overwritten in place.
      let still = 0;
      for (let k = 0; k < nActive; k++) {
        const i = active[k]!;
        convAt(this.w7, h, D, this.rowsD, i, G, accS);
        let logit = btg;
        for (let o = 0; o < D; o++) {
          const s = accS[o]! + w.b7[o]!;
          S[i * D + o] = s;
          logit += w.wtg[o]! * s; // the reference's gate reads the unrounded S_next
        }
        const p = sigmoid(logit);
        if (adaptive && t < T - 1) minMargin = Math.min(minMargin, Math.abs(p - threshold));
        if (t === T - 1 || (adaptive && p > threshold)) steps[i] = t + 1;
        else active[still++] = i;
      }
      nActive = still;
    }
    // O_i = h_i at the region's final step; (N, D) -> (D, N).
    for (let i = 0; i < N; i++) for (let o = 0; o < D; o++) this.O[o * N + i] = h[i * D + o]!;
    return { O: this.O, steps, beta, activePerStep, minMargin };
  }

  /** Word-region attention of region i from S_i: beta row i (zero past len) and Uh_i, as fusion.ref.ts's attendRegion. */
  private attend(i: number, keys: Float32Array, len: number): void {
    const { S, Uh, beta, vals, uh } = this;
    const { D, K, L } = this.d;
    const A = K + D;
    const row = i * L;
    const sb = i * D;
    const scale = Math.sqrt(D);
    for (let j = 0; j < len; j++) {
      let s = 0;
      for (let c = 0; c < D; c++) s += S[sb + c]! * keys[j * D + c]!;
      beta[row + j] = s / scale;
    }
    softmaxInPlace(beta, row, len);
    uh.fill(0);
    for (let j = 0; j < len; j++) {
      const b = beta[row + j]!;
      const vb = j * A;
      for (let a = 0; a < A; a++) uh[a] += b * vals[vb + a]!;
    }
    for (let a = 0; a < A; a++) Uh[i * A + a] = uh[a]!;
  }
}
