/**
 * Cell-level source masking for gridded domains: each model step may only change the scene cells its edit
 * names, so a step never disturbs a shape the instruction did not mention (the per-pixel mask already keeps most
 * of the background; this makes it exact at the level the dialogue layer reasons in).
 */
import { cellOfPixel, type Grid } from '../domain/grid.ts';

/** A new RGBA picture: `after` inside `cells`, `before` everywhere else. */
export function confineToCells(
  before: Uint8ClampedArray, after: Uint8ClampedArray, size: number, cells: readonly number[], grid: Grid,
): Uint8ClampedArray {
  if (before.length !== size * size * 4 || after.length !== before.length) {
    throw new RangeError(`confineToCells: pictures of ${before.length} and ${after.length} bytes for a ${size}x${size} image`);
  }
  const keep = new Set(cells);
  const out = new Uint8ClampedArray(before);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!keep.has(cellOfPixel(x, y, size, grid))) continue;
      const i = (y * size + x) * 4;
      out.set(after.subarray(i, i + 4), i);
    }
  }
  return out;
}
