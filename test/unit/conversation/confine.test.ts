/** Cell-level confinement of a model step's pixels. */
import { describe, expect, it } from 'vitest';
const GRID3 = { rows: 3, cols: 3 };
import { confineToCells } from '../../../src/conversation/confine.ts';
import { cellOfPixel } from '../../../src/domain/grid.ts';

describe('cellOfPixel', () => {
  it('maps pixel centers onto the 3x3 grid of a 64x64 picture (cells 21.3 px wide)', () => {
    expect(cellOfPixel(0, 0, 64, GRID3)).toBe(0);
    expect(cellOfPixel(20, 0, 64, GRID3)).toBe(0);
    expect(cellOfPixel(21, 0, 64, GRID3)).toBe(1);
    expect(cellOfPixel(42, 42, 64, GRID3)).toBe(4);
    expect(cellOfPixel(43, 42, 64, GRID3)).toBe(5);
    expect(cellOfPixel(63, 63, 64, GRID3)).toBe(8);
  });
});

describe('confineToCells', () => {
  const size = 64;
  const fill = (v: number) => new Uint8ClampedArray(size * size * 4).fill(v);

  it('takes the new pixels inside the named cells only', () => {
    const out = confineToCells(fill(10), fill(200), size, [4, 8], GRID3);
    const at = (x: number, y: number) => out[(y * size + x) * 4]!;
    expect(at(32, 32)).toBe(200);
    expect(at(60, 60)).toBe(200);
    expect(at(5, 5)).toBe(10);
    expect(at(60, 5)).toBe(10);
    const changed = Array.from({ length: size * size }, (_, i) => out[i * 4]).filter((v) => v === 200).length;
    expect(changed).toBe(22 * 22 + 21 * 21); // the middle column and row are 22 px (21..42), the border ones 21
  });

  it('returns a copy and leaves both inputs alone', () => {
    const before = fill(1);
    const after = fill(2);
    const out = confineToCells(before, after, size, [], GRID3);
    expect(out).not.toBe(before);
    expect(Array.from(out)).toEqual(Array.from(before));
    expect(after[0]).toBe(2);
  });

  it('rejects pictures of the wrong size', () => {
    expect(() => confineToCells(fill(0), new Uint8ClampedArray(16), size, [0], GRID3)).toThrow(/16 bytes for a 64x64/);
  });
});
