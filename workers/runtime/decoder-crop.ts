/**
 * Decoding only what is kept: a model step's pixels survive only inside its edit's cells (EditRequest.keep), so the
 * WASM path runs the pack's decoder_crop graph (models/decoder.py `Decoder.window`) on those cells plus the halo
 * its convolutions need, and leaves the rest as the source with mask 0.
 */
import type { EditRequest } from '../engine.ts';
import { cellOfPixel } from '../../src/domain/grid.ts';
import { ort, type OrtSession, type OrtTensor } from './ort.ts';

/** A half-open pixel range [start, end) along one axis. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Pixels of halo per scale (Decoder.window): every 3x3 conv, padded with zeros at its window's edge, spoils one
 * more outer pixel. Scale S runs 4 (up0, fine.0, fine.2, out), S/2 one (up1), S/4 one (up2); scale G runs whole
 * (GridAttention sees all regions). So an output pixel reads 4 + 2 * 1 + 4 * 1 = 10 pixels (of S) around it.
 */
export const DECODER_HALO = { quarter: 1, half: 1, full: 4 } as const;
export type DecoderHalo = { quarter: number; half: number; full: number };

/** The windows at S/4, S/2 and S that make the output exact on `kept` (one axis of a size-S picture). */
export function decoderWindows(kept: Span, size: number, halo: DecoderHalo = DECODER_HALO): [Span, Span, Span] {
  const full = { start: Math.max(0, kept.start - halo.full), end: Math.min(size, kept.end + halo.full) };
  // Nearest 2x upsampling: pixel i reads pixel floor(i / 2) of the scale below.
  const below = (w: Span, h: number, n: number): Span => ({
    start: Math.max(0, Math.floor(w.start / 2) - h), end: Math.min(n, Math.floor((w.end - 1) / 2) + 1 + h),
  });
  const half = below(full, halo.half, size / 2);
  return [below(half, halo.quarter, size / 4), half, full];
}

/** A rectangle of kept pixels. */
export interface Rect {
  rows: Span;
  cols: Span;
}

/** Pixel span of cell `i` of `n` along a size-pixel axis, as cellOfPixel assigns pixels (centers). */
function cellSpan(i: number, n: number, size: number): Span {
  return { start: Math.max(0, Math.ceil((i * size) / n - 0.5)), end: i === n - 1 ? size : Math.ceil(((i + 1) * size) / n - 0.5) };
}

/** Per pixel 1 where the caller keeps the result, or null when it keeps every pixel. */
export function keptPixels(keep: EditRequest['keep'], size: number): Uint8Array | null {
  if (!keep) return null;
  const cells = new Set(keep.cells);
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = cells.has(cellOfPixel(x, y, size, keep.grid)) ? 1 : 0;
  return out;
}

/** Outside the kept pixels the result is the source and the mask 0 (what confine.ts keeps of it anyway). */
export function applyKept(out: Float32Array, m: Float32Array, source: Float32Array, kept: Uint8Array | null): void {
  if (!kept) return;
  const P = kept.length;
  for (let q = 0; q < P; q++) {
    if (kept[q]) continue;
    m[q] = 0;
    for (let c = 0; c < out.length / P; c++) out[c * P + q] = source[c * P + q]!;
  }
}

/**
 * Share of a full decode that a window costs, from the stages' measured shares on the WASM path (scale S about
 * 65 %, S/2 15 %, S/4 8 %, the rest (scale G, cell code, per-run overhead) 12 %: bench/decoder-crop-*.md).
 */
function cost(r: Rect, size: number): number {
  const [rq, rh, rf] = decoderWindows(r.rows, size);
  const [cq, ch, cf] = decoderWindows(r.cols, size);
  const area = (a: Span, b: Span, n: number) => ((a.end - a.start) * (b.end - b.start)) / (n * n);
  return 0.12 + 0.65 * area(rf, cf, size) + 0.15 * area(rh, ch, size / 2) + 0.08 * area(rq, cq, size / 4);
}

/** The rectangles to decode for `keep` (one per cell, or their bounding box), or null when a full decode is cheaper. */
export function cropPlan(keep: EditRequest['keep'], size: number): Rect[] | null {
  if (!keep || keep.cells.length === 0 || size % 8 !== 0) return null;
  const { rows, cols } = keep.grid;
  const cells = [...new Set(keep.cells)].filter((c) => c >= 0 && c < rows * cols);
  if (cells.length === 0) return null;
  const rect = (r0: number, r1: number, c0: number, c1: number): Rect => ({
    rows: { start: cellSpan(r0, rows, size).start, end: cellSpan(r1, rows, size).end },
    cols: { start: cellSpan(c0, cols, size).start, end: cellSpan(c1, cols, size).end },
  });
  const each = cells.map((c) => rect(Math.floor(c / cols), Math.floor(c / cols), c % cols, c % cols));
  const rs = cells.map((c) => Math.floor(c / cols));
  const cs = cells.map((c) => c % cols);
  const box = [rect(Math.min(...rs), Math.max(...rs), Math.min(...cs), Math.max(...cs))];
  const total = (p: Rect[]) => p.reduce((a, r) => a + cost(r, size), 0);
  const best = total(each) < total(box) ? each : box;
  return total(best) < 1 ? best : null;
}

const range = (s: Span) => {
  const out = new BigInt64Array(s.end - s.start);
  for (let i = 0; i < out.length; i++) out[i] = BigInt(s.start + i);
  return new ort.Tensor('int64', out, [out.length]);
};

/**
 * Runs decoder_crop on each rectangle and pastes its exact pixels into full-size rgb (3, P) and mask_logit (P)
 * (zero elsewhere). `halo` is only for the test that shows a smaller one is wrong.
 */
export async function decodeRects(
  session: OrtSession,
  feeds: { fused: OrtTensor; skip1: OrtTensor; skip2: OrtTensor },
  rects: readonly Rect[],
  size: number,
  halo: DecoderHalo = DECODER_HALO,
): Promise<{ rgb: Float32Array; maskLogit: Float32Array }> {
  const P = size * size;
  const rgb = new Float32Array(3 * P);
  const maskLogit = new Float32Array(P);
  for (const r of rects) {
    const [rq, rh, rf] = decoderWindows(r.rows, size, halo);
    const [cq, ch, cf] = decoderWindows(r.cols, size, halo);
    const out = await session.run({
      ...feeds, rows4: range(rq), cols4: range(cq), rows2: range(rh), cols2: range(ch), rows1: range(rf), cols1: range(cf),
    });
    const [w, h] = [cf.end - cf.start, rf.end - rf.start];
    const [crgb, clogit] = [out.rgb!.data as Float32Array, out.mask_logit!.data as Float32Array];
    for (let y = r.rows.start; y < r.rows.end; y++) {
      for (let x = r.cols.start; x < r.cols.end; x++) {
        const at = (y - rf.start) * w + (x - cf.start);
        const q = y * size + x;
        maskLogit[q] = clogit[at]!;
        for (let c = 0; c < 3; c++) rgb[c * P + q] = crgb[c * h * w + at]!;
      }
    }
  }
  return { rgb, maskLogit };
}
