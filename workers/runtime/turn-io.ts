/** Conversions between the engine's request/result formats and the models' tensors. */
import type { EditResult } from '../engine.ts';

/** RGBA bytes (S*S*4) -> planar RGB floats in [0,1] (3, S*S), the image encoder's layout. */
export function rgbaToPlanar(rgba: Uint8ClampedArray, size: number): Float32Array {
  const P = size * size;
  const out = new Float32Array(3 * P);
  for (let q = 0; q < P; q++) {
    // Transparent pixels are composited on white, as the scenes are drawn.
    const a = rgba[q * 4 + 3]! / 255;
    for (let c = 0; c < 3; c++) out[c * P + q] = (rgba[q * 4 + c]! / 255) * a + (1 - a);
  }
  return out;
}

/** Planar RGB floats -> RGBA bytes, rounded and clamped. */
export function planarToRgba(planar: Float32Array, size: number): Uint8ClampedArray {
  const P = size * size;
  const out = new Uint8ClampedArray(P * 4);
  for (let q = 0; q < P; q++) {
    for (let c = 0; c < 3; c++) out[q * 4 + c] = Math.round(planar[c * P + q]! * 255);
    out[q * 4 + 3] = 255;
  }
  return out;
}

/** beta (N, L) at each region's final step -> per-word maps (len, N) for the UI. */
export function wordAttention(beta: Float32Array, N: number, L: number, len: number): Float32Array {
  const out = new Float32Array(len * N);
  for (let j = 0; j < len; j++) for (let i = 0; i < N; i++) out[j * N + i] = beta[i * L + j]!;
  return out;
}

/** Assembles a result from the final tensors. */
export function editResult(parts: {
  out: Float32Array; m: Float32Array; beta: Float32Array; steps: ArrayLike<number>; h: Float32Array;
  size: number; G: number; L: number; words: string[]; timings: Record<string, number>; backend: EditResult['backend'];
}): EditResult {
  const N = parts.G * parts.G;
  return {
    image: planarToRgba(parts.out, parts.size),
    mask: parts.m,
    attention: wordAttention(parts.beta, N, parts.L, parts.words.length),
    words: parts.words,
    steps: Uint8Array.from(parts.steps),
    grid: parts.G,
    state: parts.h,
    timings: parts.timings,
    backend: parts.backend,
  };
}

/** Records wall time per named stage. */
export class StageTimer {
  readonly timings: Record<string, number> = {};
  private last = performance.now();
  private readonly start = this.last;

  lap(stage: string): void {
    const now = performance.now();
    this.timings[stage] = (this.timings[stage] ?? 0) + (now - this.last);
    this.last = now;
  }

  total(): Record<string, number> {
    this.timings.total = performance.now() - this.start;
    return this.timings;
  }
}
