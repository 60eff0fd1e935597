/** Moves and swaps by copying cell pixels, against fresh renders of the edited scene. */
import { describe, expect, it } from 'vitest';
const GRID3 = { rows: 3, cols: 3 };
import { cellOfPixel } from '../../../src/domain/grid.ts';
import { swapCells } from '../../../src/conversation/transplant.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { emptyScene, type SceneObject } from '../../../src/domains/shapes-v1/scene.ts';

const size = 64;
const star: SceneObject = { shape: 'star', color: 'red', size: 'large', texture: 'striped' };
const heart: SceneObject = { shape: 'heart', color: 'blue', size: 'medium', texture: 'dotted' };

function render(cells: Record<number, SceneObject>): Uint8ClampedArray {
  const s = emptyScene();
  for (const [c, o] of Object.entries(cells)) s.cells[Number(c)] = o;
  return renderSceneRgba(s);
}

/** Mean and max absolute RGB difference over one cell's pixels. */
function cellDiff(a: Uint8ClampedArray, b: Uint8ClampedArray, cell: number) {
  let sum = 0;
  let n = 0;
  let max = 0;
  for (let i = 0; i < size * size; i++) {
    if (cellOfPixel(i % size, Math.floor(i / size), size, GRID3) !== cell) continue;
    for (let k = 0; k < 3; k++) {
      const d = Math.abs(a[i * 4 + k]! - b[i * 4 + k]!);
      sum += d;
      max = Math.max(max, d);
      n++;
    }
  }
  return { mean: sum / n, max };
}

/** The move done by whole pixels (the shift rounded): what the resampler has to beat. */
function roundedMove(image: Uint8ClampedArray, from: number, to: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image);
  const dx = Math.round(((from % 3) - (to % 3)) * (size / 3));
  const dy = Math.round((Math.floor(from / 3) - Math.floor(to / 3)) * (size / 3));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (cellOfPixel(x, y, size, GRID3) !== to) continue;
      const i = ((y + dy) * size + x + dx) * 4;
      out.set(image.subarray(i, i + 4), (y * size + x) * 4);
    }
  }
  return out;
}

describe('swapCells', () => {
  it('exchanges two objects: each lands where a fresh render would draw it, the other cells stay byte for byte', () => {
    const before = render({ 0: star, 8: heart, 4: { ...star, color: 'green' } });
    const out = swapCells(before, size, GRID3, 0, 8);
    const want = render({ 8: star, 0: heart, 4: { ...star, color: 'green' } });
    for (const c of [0, 8]) {
      // Resampling antialiased edges by a third of a pixel costs a few levels; a different object costs far more.
      expect(cellDiff(out, want, c).mean).toBeLessThan(12);
      expect(cellDiff(before, want, c).mean).toBeGreaterThan(25);
    }
    expect(cellDiff(out, want, 8).mean).toBeLessThan(cellDiff(roundedMove(before, 0, 8), want, 8).mean);
    for (const c of [1, 2, 3, 4, 5, 6, 7]) expect(cellDiff(out, before, c).max).toBe(0);
  });

  it('moves an object into an empty cell and leaves white background behind', () => {
    const out = swapCells(render({ 3: heart }), size, GRID3, 3, 1);
    expect(cellDiff(out, render({ 1: heart }), 1).mean).toBeLessThan(12);
    expect(cellDiff(out, render({ 1: heart }), 1).mean).toBeLessThan(cellDiff(roundedMove(render({ 3: heart }), 3, 1), render({ 1: heart }), 1).mean);
    expect(cellDiff(out, render({}), 3).max).toBe(0);
  });

  it('returns a copy and leaves its input alone', () => {
    const before = render({ 0: star });
    const copy = new Uint8ClampedArray(before);
    const same = swapCells(before, size, GRID3, 2, 2);
    expect(same).not.toBe(before);
    expect(Array.from(same)).toEqual(Array.from(before));
    swapCells(before, size, GRID3, 0, 2);
    expect(Array.from(before)).toEqual(Array.from(copy));
  });

  it('rejects a picture of the wrong size and cells off the grid', () => {
    expect(() => swapCells(new Uint8ClampedArray(16), size, GRID3, 0, 1)).toThrow(/16 bytes for a 64x64/);
    expect(() => swapCells(render({}), size, GRID3, 0, 9)).toThrow(/no cell 9/);
  });
});
