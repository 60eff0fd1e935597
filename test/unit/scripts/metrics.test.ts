import { describe, expect, it } from 'vitest';
import { changedOutside, pixelCell, psnr, ssim } from '../../../scripts/lib/metrics.ts';

const S = 64;
const gray = (v: number) => new Uint8ClampedArray(S * S * 4).fill(v);
const noisy = (seed: number) => {
  let x = seed;
  return new Uint8ClampedArray(S * S * 4).map(() => ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 256));
};

describe('metrics', () => {
  it('psnr: identical is Infinity, a uniform offset of 16 gives 20*log10(255/16)', () => {
    expect(psnr(gray(100), gray(100))).toBe(Infinity);
    expect(psnr(gray(100), gray(116))).toBeCloseTo(20 * Math.log10(255 / 16), 6);
  });

  it('ssim: 1 for identical images, lower for noise, symmetric', () => {
    const a = noisy(1);
    expect(ssim(a, a, S)).toBeCloseTo(1, 10);
    const b = noisy(2);
    expect(ssim(a, b, S)).toBeLessThan(0.1);
    expect(ssim(a, b, S)).toBeCloseTo(ssim(b, a, S), 10);
  });

  it('maps pixel centres to grid cells', () => {
    expect(pixelCell(0, 0, S)).toBe(0);
    expect(pixelCell(63, 63, S)).toBe(8);
    expect(pixelCell(21, 0, S)).toBe(1); // centre 21.5 > 64/3
    expect(pixelCell(20, 22, S)).toBe(3);
  });

  it('counts only changes outside the allowed cells', () => {
    const before = gray(255);
    const after = gray(255);
    for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) after[(y * S + x) * 4] = 0; // cell 0 repainted
    expect(changedOutside(before, after, S, new Set([0]))).toBe(0);
    after[(63 * S + 63) * 4 + 1] = 254; // one pixel of cell 8
    const outside = S * S - 21 * 21;
    expect(changedOutside(before, after, S, new Set([0]))).toBeCloseTo(1 / outside, 12);
    expect(changedOutside(before, after, S, new Set([]))).toBeCloseTo((21 * 21 + 1) / (S * S), 12);
  });
});
