/** Shared shape of the data-driven kernel cases: one list feeds the CPU-ref, Dawn and Chromium tests. */
import type { KernelDims } from './dims.ts';

/** Allowed error per element: |gpu - ref| <= atol + rtol * |ref|. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** f32 kernels vs the f64-accumulating CPU reference, after a handful of chained reductions. */
export const F32_TOL: Tolerance = { atol: 2e-5, rtol: 1e-4 };

/** Named kernel outputs (u32 outputs such as step counts must match exactly). */
export type Outputs = Record<string, Float32Array | Uint32Array>;

/** Fields every case has. */
export interface CaseBase {
  name: string;
  dims: KernelDims;
  /** Valid tokens (1..L); the rest are padding. */
  len: number;
  seed: number;
  /** Store matrix weights as per-channel int8. */
  i8?: boolean;
  tol: Tolerance;
}

/** Worst element error of `got` vs `want` under `tol`, as a readable verdict. */
export function compareOutputs(got: Outputs, want: Outputs, tol: Tolerance): { ok: boolean; report: string } {
  const lines: string[] = [];
  let ok = true;
  for (const [key, w] of Object.entries(want)) {
    const g = got[key];
    if (!g || g.length < w.length) {
      ok = false;
      lines.push(`${key}: missing or short (${g?.length ?? 0} < ${w.length})`);
      continue;
    }
    let worst = 0;
    let at = -1;
    for (let e = 0; e < w.length; e++) {
      const err = Math.abs(g[e]! - w[e]!);
      const excess = w instanceof Uint32Array ? err : err - (tol.atol + tol.rtol * Math.abs(w[e]!));
      if (!(excess <= 0) && (at < 0 || excess > worst || Number.isNaN(excess))) [worst, at] = [excess, e];
    }
    if (at >= 0) {
      ok = false;
      lines.push(`${key}[${at}]: got ${g[at]}, want ${w[at]}`);
    }
  }
  return { ok, report: ok ? 'ok' : lines.join('; ') };
}
