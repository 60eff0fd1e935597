import { describe, expect, it } from 'vitest';
import { toSquare } from '../../../scripts/lib/resample.ts';

describe('toSquare', () => {
  it('keeps an image already at the size and box-averages a 2x downscale', () => {
    const data = new Uint8ClampedArray(4 * 4 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) % 256));
    expect(Array.from(toSquare({ width: 4, height: 4, data }, 4))).toEqual(Array.from(data));
    const half = toSquare({ width: 4, height: 4, data }, 2);
    const avg = (c: number) => Math.round([0, 1, 4, 5].reduce((s, p) => s + data[p * 4 + c]!, 0) / 4);
    expect(Array.from(half.subarray(0, 4))).toEqual([avg(0), avg(1), avg(2), 255]);
  });

  it('center-crops a wide image and puts transparency on white', () => {
    const data = new Uint8ClampedArray(3 * 1 * 4);
    data.set([255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 255]); // red | transparent blue | green
    expect(Array.from(toSquare({ width: 3, height: 1, data }, 1))).toEqual([255, 255, 255, 255]);
  });
});
