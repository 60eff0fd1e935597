/**
 * CPU reference of the dialogue-state tracker (models/MATH.md step 4): test oracle and WASM-fallback path.
 * PyTorch GRUCell convention, gate order r, z, n; x = [s; vbar].
 */
import type { KernelDims } from '../dims.ts';
import type { KernelWeights } from '../weights.ts';

/** Tracker weights as dequantized f32 (PyTorch shapes: w_ih (3H, K+D), w_hh (3H, H), w_g (D, K+D+H)). */
export interface TrackerWeights {
  wIh: Float32Array; wHh: Float32Array; bIh: Float32Array; bHh: Float32Array;
  wInit: Float32Array; bInit: Float32Array; wG: Float32Array; bG: Float32Array;
}

/** Reads (and dequantizes) the tracker tensors of a kernel weight blob. */
export function trackerWeights(kw: KernelWeights): TrackerWeights {
  const f = (n: string) => kw.f32(`tracker.${n}`);
  return {
    wIh: f('w_ih'), wHh: f('w_hh'), bIh: f('b_ih'), bHh: f('b_hh'),
    wInit: f('w_init'), bInit: f('b_init'), wG: f('w_g'), bG: f('b_g'),
  };
}

/** Inputs: sentence s (K), pooled regions vbar (D), previous state h (H), memory texture tex (L, D). */
export interface TrackerInputs {
  s: Float32Array;
  vbar: Float32Array;
  h: Float32Array;
  tex: Float32Array;
}

/** Outputs: new state h (H), fusion init (D), mean texture tbar (D), localization vector g (D). */
export interface TrackerOutputs {
  h: Float32Array;
  init: Float32Array;
  tbar: Float32Array;
  g: Float32Array;
}

/** `W[row, :] . v` for a row-major W with `cols` columns, v starting at W column `col0`. */
function dot(W: Float32Array, row: number, cols: number, v: ArrayLike<number>, col0 = 0): number {
  let acc = 0;
  for (let c = 0; c < v.length; c++) acc += W[row * cols + col0 + c]! * v[c]!;
  return acc;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** One tracker step. */
export function trackerRef(w: TrackerWeights, x: TrackerInputs, d: KernelDims, len: number): TrackerOutputs {
  const { K, D, H } = d;
  const xin = [...x.s, ...x.vbar];
  const gx = (row: number) => dot(w.wIh, row, K + D, xin) + w.bIh[row]!;
  const gh = (row: number) => dot(w.wHh, row, H, x.h) + w.bHh[row]!;
  const h = new Float32Array(H);
  for (let o = 0; o < H; o++) {
    const r = sigmoid(gx(o) + gh(o));
    const z = sigmoid(gx(H + o) + gh(H + o));
    const n = Math.tanh(gx(2 * H + o) + r * gh(2 * H + o));
    h[o] = (1 - z) * n + z * x.h[o]!;
  }
  const tbar = new Float32Array(D);
  for (let c = 0; c < D; c++) {
    let acc = 0;
    for (let j = 0; j < len; j++) acc += x.tex[j * D + c]!;
    tbar[c] = acc / len;
  }
  const init = new Float32Array(D);
  const g = new Float32Array(D);
  const cols = K + D + H;
  for (let o = 0; o < D; o++) {
    init[o] = dot(w.wInit, o, H, h) + w.bInit[o]!;
    g[o] = dot(w.wG, o, cols, x.s) + dot(w.wG, o, cols, tbar, K) + dot(w.wG, o, cols, h, K + D) + w.bG[o]!;
  }
  return { h, init, tbar, g };
}
