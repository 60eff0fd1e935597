import { describe, expect, it } from 'vitest';
import { attentionOverlay, attentionRow, heat, maskOverlay, stepColor, stepsLegend, stepsOverlay, upsample } from '../../../src/app/overlays.ts';

const alpha = (rgba: Uint8ClampedArray, size: number, x: number, y: number) => rgba[(y * size + x) * 4 + 3]!;

describe('overlays', () => {
  it('makes the mask opaque where the model repainted and clear where it kept the source', () => {
    const mask = Float32Array.from([0, 1, 0.5, 2]);
    const o = maskOverlay(mask, 2);
    expect([alpha(o, 2, 0, 0), alpha(o, 2, 1, 0), alpha(o, 2, 0, 1), alpha(o, 2, 1, 1)]).toEqual([0, 200, 100, 200]);
    expect(() => maskOverlay(mask, 3)).toThrow(RangeError);
  });

  it('scales an attention row to its maximum and picks the right word', () => {
    const att = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0, 0, 0.5, 0]);
    expect(Array.from(attentionRow(att, 2, 0))).toEqual([0.25, 0.5, 0.75, 1].map(Math.fround));
    expect(Array.from(attentionRow(att, 2, 1))).toEqual([0, 0, 1, 0]);
    expect(() => attentionRow(att, 2, 2)).toThrow(RangeError);
  });

  it('upsamples a grid bilinearly with region centres at cell centres', () => {
    const field = Float32Array.from([0, 1, 0, 1]); // left column 0, right column 1
    const up = upsample(field, 2, 4);
    expect(Array.from(up.slice(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(up.slice(12, 16))).toEqual([0, 0.25, 0.75, 1]);
  });

  it('shows where a word looked: hottest over its strongest region', () => {
    const att = new Float32Array(2 * 9);
    att[9 + 4] = 0.8; // word 1 looked at the centre region of a 3x3 grid
    const o = attentionOverlay(att, 3, 1, 9); // 3 px a region: pixel (4, 4) is the centre region's centre
    expect(alpha(o, 9, 4, 4)).toBe(heat(1)[3]);
    expect(alpha(o, 9, 0, 0)).toBe(heat(0)[3]);
    expect(alpha(o, 9, 4, 3)).toBeLessThan(heat(1)[3]);
    expect(heat(1)[3]).toBeGreaterThan(heat(0.5)[3]);
  });

  it('colors each region by its step count, blocky, with a legend of the counts present', () => {
    const steps = Uint8Array.from([1, 4, 4, 2]);
    const o = stepsOverlay(steps, 2, 4);
    const px = (x: number, y: number) => Array.from(o.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(px(0, 0)).toEqual(stepColor(1));
    expect(px(1, 1)).toEqual(stepColor(1));
    expect(px(3, 0)).toEqual(stepColor(4));
    expect(px(3, 3)).toEqual(stepColor(2));
    expect(stepColor(1)).not.toEqual(stepColor(2));
    expect(stepsLegend(steps)).toEqual([1, 2, 4]);
  });
});
