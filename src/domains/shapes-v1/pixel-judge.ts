/**
 * A model-free judge of an edit turn (issue 28): each grid cell of the output is compared with the expected
 * render by the dominant palette colour of its ink and by the IoU of the two silhouettes. It shares nothing with
 * the recognizer, so the recognizer's blind spots cannot hide the editor's. Thresholds are set on renders
 * (test/unit/scripts/pixel-judge.test.ts), never on model outputs.
 */
import { hexToRgb } from './raster.ts';
import { COLORS, COLOR_HEX, GRID, IMAGE_SIZE, OUTLINE_HEX, type Color } from './scene.ts';

/** Thresholds: RGB distances (0..441) and fractions; see the test for how renders fix them. */
export const JUDGE = {
  /** A pixel this close to white is background (silhouettes are what the background cannot reach). */
  background: 60,
  /**
   * A pixel votes for the palette colour that, mixed with white, explains it within this RGB distance. Mixing
   * with white is what anti-aliasing and the texture holes do, so pale red is red, not pink.
   */
  ink: 30,
  /** ...and only if at least this much of it is ink: a washed-out dot does not count as the colour asked for. */
  minInk: 0.55,
  /** Outline pixels (near #212121) are not ink. */
  outline: 60,
  /**
   * Ink votes only this many pixels inside the silhouette, so that the outline's anti-aliased grays do not; thin
   * objects (a small cross's arms) with no pixel that deep vote from one pixel in.
   */
  inset: [2, 1],
  /**
   * Silhouette IoU an object must reach. On renders, one size step changes it to at most 0.663 (all shapes and
   * textures), so 0.7 catches every size error; shapes with close silhouettes (circle/hexagon 0.87) are the
   * recognizer's to tell apart.
   */
  iou: 0.7,
  /** An empty cell may hold this fraction of silhouette pixels (noise) and still count as empty. */
  emptyArea: 0.03,
} as const;

const PALETTE = COLORS.map((c) => [c, hexToRgb(COLOR_HEX[c])] as const);
const OUTLINE = hexToRgb(OUTLINE_HEX);
const dist = (r: number, g: number, b: number, c: readonly number[]) => Math.hypot(r - c[0]!, g - c[1]!, b - c[2]!);

/** Distance from `p` to the best mix of `ink` with white holding at least JUDGE.minInk of ink (else Infinity). */
function unmix(p: readonly number[], ink: readonly number[]): number {
  const d = ink.map((v) => 255 - v);
  const q = p.map((v) => 255 - v);
  const alpha = Math.min(1, (q[0]! * d[0]! + q[1]! * d[1]! + q[2]! * d[2]!) / (d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2));
  if (alpha < JUDGE.minInk) return Infinity;
  return Math.hypot(q[0]! - alpha * d[0]!, q[1]! - alpha * d[1]!, q[2]! - alpha * d[2]!);
}

/** Pixel bounds [x0, x1) x [y0, y1) of a grid cell. */
function cellBounds(cell: number): [number, number, number, number] {
  const edge = (i: number) => Math.round((i * IMAGE_SIZE) / GRID);
  const [r, c] = [Math.floor(cell / GRID), cell % GRID];
  return [edge(c), edge(c + 1), edge(r), edge(r + 1)];
}

/** One cell as the judge sees it: its silhouette (pixel indexes) and ink votes. */
export interface CellReading {
  silhouette: Set<number>;
  /** Palette colour with the most ink votes, or null where nothing votes. */
  color: Color | null;
  area: number;
}

/** Reads a cell of an RGBA picture at IMAGE_SIZE. */
export function readCell(rgba: Uint8ClampedArray, cell: number): CellReading {
  const [x0, x1, y0, y1] = cellBounds(cell);
  const w = x1 - x0;
  const h = y1 - y0;
  const px = (x: number, y: number) => ((y0 + y) * IMAGE_SIZE + x0 + x) * 4;
  const light = (x: number, y: number) => {
    const i = px(x, y);
    return dist(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, [255, 255, 255]) < JUDGE.background;
  };
  // Background: light pixels reachable from the cell's border. The rest is the silhouette (textures' white holes
  // are enclosed by the outline, so they belong to the object).
  const outside = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let x = 0; x < w; x++) stack.push(x, (h - 1) * w + x);
  for (let y = 0; y < h; y++) stack.push(y * w, y * w + w - 1);
  while (stack.length) {
    const k = stack.pop()!;
    const [x, y] = [k % w, Math.floor(k / w)];
    if (outside[k] || !light(x, y)) continue;
    outside[k] = 1;
    if (x > 0) stack.push(k - 1);
    if (x < w - 1) stack.push(k + 1);
    if (y > 0) stack.push(k - w);
    if (y < h - 1) stack.push(k + w);
  }
  const silhouette = new Set<number>();
  for (let k = 0; k < w * h; k++) if (!outside[k]) silhouette.add((y0 + Math.floor(k / w)) * IMAGE_SIZE + x0 + (k % w));
  let color: Color | null = null;
  for (const depth of JUDGE.inset) {
    color = dominantInk(rgba, px, w, h, (x, y) => inner(outside, w, h, x, y, depth));
    if (color) break;
  }
  return { silhouette, color, area: silhouette.size / (w * h) };
}

/** True when every pixel within `depth` (Chebyshev) of (x, y) is inside the cell and not background. */
function inner(outside: Uint8Array, w: number, h: number, x: number, y: number, depth: number): boolean {
  for (let dy = -depth; dy <= depth; dy++) {
    for (let dx = -depth; dx <= depth; dx++) {
      const [u, v] = [x + dx, y + dy];
      if (u < 0 || v < 0 || u >= w || v >= h || outside[v * w + u]) return false;
    }
  }
  return true;
}

/** The palette colour most of the voting pixels are a mix of (with white), or null where none votes. */
function dominantInk(rgba: Uint8ClampedArray, px: (x: number, y: number) => number, w: number, h: number, votes: (x: number, y: number) => boolean): Color | null {
  const tally = new Map<Color, number>();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!votes(x, y)) continue;
      const i = px(x, y);
      const [r, g, b] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
      if (dist(r, g, b, [255, 255, 255]) < JUDGE.background || dist(r, g, b, OUTLINE) < JUDGE.outline) continue;
      let best: Color | null = null;
      let bestD: number = JUDGE.ink;
      for (const [c, rgb] of PALETTE) {
        const d = unmix([r, g, b], rgb);
        if (d < bestD) [best, bestD] = [c, d];
      }
      if (best) tally.set(best, (tally.get(best) ?? 0) + 1);
    }
  }
  return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Why a cell fails the judge: an object where none should be, a silhouette off, or ink of another colour. */
export interface Verdict {
  cell: number;
  why: 'extra' | 'silhouette' | 'ink';
  /** The palette colour the output's ink reads as (null: none). */
  reads: Color | null;
  iou?: number;
}

/** The verdict on one cell, or null when it passes. */
export function cellVerdict(output: Uint8ClampedArray, expected: Uint8ClampedArray, cell: number): Verdict | null {
  const want = readCell(expected, cell);
  const got = readCell(output, cell);
  if (want.area <= JUDGE.emptyArea) return got.area <= JUDGE.emptyArea ? null : { cell, why: 'extra', reads: got.color };
  let both = 0;
  for (const p of got.silhouette) if (want.silhouette.has(p)) both++;
  const iou = both / (want.silhouette.size + got.silhouette.size - both);
  if (iou < JUDGE.iou) return { cell, why: 'silhouette', reads: got.color, iou };
  return got.color !== want.color ? { cell, why: 'ink', reads: got.color } : null;
}

/** Why a cell fails the judge, in words, or null when it passes. */
export function judgeCell(output: Uint8ClampedArray, expected: Uint8ClampedArray, cell: number): string | null {
  const v = cellVerdict(output, expected, cell);
  if (!v) return null;
  if (v.why === 'extra') return `${cell}: empty expected, ${v.reads ?? 'an unknown colour'} object drawn`;
  if (v.why === 'silhouette') return `${cell}: silhouette IoU ${v.iou!.toFixed(2)}`;
  return `${cell}: ink reads ${v.reads ?? 'as no palette colour'}, expected ${readCell(expected, cell).color}`;
}

/** Every failing cell of an output against the expected render (empty when the turn passes). */
export function judgePicture(output: Uint8ClampedArray, expected: Uint8ClampedArray): string[] {
  return Array.from({ length: GRID * GRID }, (_, c) => judgeCell(output, expected, c)).filter((p): p is string => p !== null);
}

/**
 * Mean RGB distance between the output and the render over the render's ink pixels of a cell (the pixels that
 * vote for the expected colour, at the judge's inset): how far the drawn ink is from the colour asked for.
 * Null for an empty cell or one with no voting pixel.
 */
export function inkError(output: Uint8ClampedArray, expected: Uint8ClampedArray, cell: number, color: Color): number | null {
  const [x0, x1, y0, y1] = cellBounds(cell);
  const rgb = hexToRgb(COLOR_HEX[color]);
  const inside = readCell(expected, cell).silhouette;
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = y * IMAGE_SIZE + x;
      if (!inside.has(p)) continue;
      const i = p * 4;
      if (unmix([expected[i]!, expected[i + 1]!, expected[i + 2]!], rgb) >= JUDGE.ink) continue;
      sum += dist(output[i]!, output[i + 1]!, output[i + 2]!, [expected[i]!, expected[i + 1]!, expected[i + 2]!]);
      n++;
    }
  }
  return n ? sum / n : null;
}

