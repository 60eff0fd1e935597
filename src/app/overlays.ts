/** RGBA overlays for the picture: edit mask, one word's attention over the regions, and the termination-step map. */

/** An RGBA color with alpha 0..255. */
export type Rgba = [number, number, number, number];

/** The mask as translucent magenta: opaque where the model repainted, clear where it kept the source. */
export function maskOverlay(mask: Float32Array, size: number): Uint8ClampedArray {
  if (mask.length !== size * size) throw new RangeError(`mask has ${mask.length} values, expected ${size * size}`);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < mask.length; i++) out.set([216, 27, 96, Math.round(Math.min(1, Math.max(0, mask[i]!)) * 200)], i * 4);
  return out;
}

/** Heat colormap for v in [0,1]: clear blue-ish at 0 through yellow to opaque red at 1. */
export function heat(v: number): Rgba {
  const t = Math.min(1, Math.max(0, v));
  const r = Math.round(255 * Math.min(1, t * 2));
  const g = Math.round(255 * (t < 0.5 ? t * 2 : 2 - t * 2) * 0.9);
  return [r, g, Math.round(255 * (1 - t) * 0.6), Math.round(40 + 180 * t)];
}

/** Row `word` of the `(words, grid*grid)` attention matrix, scaled so its largest weight is 1. */
export function attentionRow(attention: Float32Array, grid: number, word: number): Float32Array {
  const n = grid * grid;
  if (word < 0 || (word + 1) * n > attention.length) throw new RangeError(`no attention row ${word}`);
  const row = attention.slice(word * n, (word + 1) * n);
  let max = 0;
  for (const v of row) max = Math.max(max, v);
  if (max > 0) for (let i = 0; i < n; i++) row[i] = row[i]! / max;
  return row;
}

/** A grid x grid field upsampled bilinearly to size x size (region centres at cell centres). */
export function upsample(field: Float32Array, grid: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const at = (r: number, c: number) => field[Math.min(grid - 1, Math.max(0, r)) * grid + Math.min(grid - 1, Math.max(0, c))]!;
  for (let y = 0; y < size; y++) {
    const gy = ((y + 0.5) * grid) / size - 0.5;
    const r0 = Math.floor(gy);
    const fy = gy - r0;
    for (let x = 0; x < size; x++) {
      const gx = ((x + 0.5) * grid) / size - 0.5;
      const c0 = Math.floor(gx);
      const fx = gx - c0;
      const top = at(r0, c0) * (1 - fx) + at(r0, c0 + 1) * fx;
      const bottom = at(r0 + 1, c0) * (1 - fx) + at(r0 + 1, c0 + 1) * fx;
      out[y * size + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Where one word looked: its attention row, upsampled and colored with `heat`. */
export function attentionOverlay(attention: Float32Array, grid: number, word: number, size: number): Uint8ClampedArray {
  const field = upsample(attentionRow(attention, grid, word), grid, size);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < field.length; i++) out.set(heat(field[i]!), i * 4);
  return out;
}

/** Distinct colors for 1, 2, 3, ... fusion steps (colorblind-safe Okabe-Ito order). */
export const STEP_COLORS: readonly Rgba[] = [
  [0, 114, 178, 150], [86, 180, 233, 150], [0, 158, 115, 150], [240, 228, 66, 160],
  [230, 159, 0, 160], [213, 94, 0, 170], [204, 121, 167, 170], [0, 0, 0, 170],
];

/** Color of a region that stopped after `steps` steps. */
export function stepColor(steps: number): Rgba {
  return STEP_COLORS[Math.min(STEP_COLORS.length, Math.max(1, steps)) - 1]!;
}

/** The termination-step map: each region filled with the color of how many fusion steps it ran (nearest, blocky). */
export function stepsOverlay(steps: Uint8Array, grid: number, size: number): Uint8ClampedArray {
  if (steps.length !== grid * grid) throw new RangeError(`steps has ${steps.length} values, expected ${grid * grid}`);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    const r = Math.min(grid - 1, Math.floor((y * grid) / size));
    for (let x = 0; x < size; x++) {
      const c = Math.min(grid - 1, Math.floor((x * grid) / size));
      out.set(stepColor(steps[r * grid + c]!), (y * size + x) * 4);
    }
  }
  return out;
}

/** The distinct step counts present, ascending (the step map's legend). */
export function stepsLegend(steps: Uint8Array): number[] {
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** CSS color of an overlay color (for legends). */
export function css([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
}
