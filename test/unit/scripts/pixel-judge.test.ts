/**
 * The pixel judge (issue 28) on renders and hand-made pairs: its thresholds come from renders alone (every
 * colour read right on every shape, size, texture and cell; every size step caught), and it fails washed-out
 * dots, wrong colours, missing and extra objects while passing a softened copy of a solid object.
 */
import { describe, expect, it } from 'vitest';
import { JUDGE, inkError, judgePicture, readCell } from '../../../src/domains/shapes-v1/pixel-judge.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { COLORS, SHAPES, emptyScene, type SceneObject } from '../../../src/domains/shapes-v1/scene.ts';

const SIZES = ['small', 'medium', 'large'] as const;
const TEXTURES = ['solid', 'striped', 'dotted'] as const;

function picture(objects: Record<number, SceneObject>): Uint8ClampedArray {
  const s = emptyScene();
  for (const [cell, o] of Object.entries(objects)) s.cells[Number(cell)] = o;
  return renderSceneRgba(s);
}

const iou = (a: Set<number>, b: Set<number>) => {
  let both = 0;
  for (const p of a) if (b.has(p)) both++;
  return both / (a.size + b.size - both);
};

/** Moves every non-white pixel of a cell `amount` of the way to white (what the model does to small dots). */
function washOut(rgba: Uint8ClampedArray, amount: number): Uint8ClampedArray {
  return rgba.map((v, i) => (i % 4 === 3 ? v : Math.round(v + (255 - v) * amount)));
}

/** A 3x3 box blur: a softened but right picture. */
function blur(rgba: Uint8ClampedArray): Uint8ClampedArray {
  const out = rgba.slice();
  for (let y = 1; y < 63; y++) {
    for (let x = 1; x < 63; x++) {
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += rgba[((y + dy) * 64 + x + dx) * 4 + k]!;
        out[(y * 64 + x) * 4 + k] = s / 9;
      }
    }
  }
  return out;
}

describe('pixel judge', () => {
  it('reads the right colour of every rendered object, and passes every render against itself', () => {
    for (const shape of SHAPES) for (const color of COLORS) for (const size of SIZES) for (const texture of TEXTURES) {
      for (const cell of [0, 4, 8]) {
        const p = picture({ [cell]: { shape, color, size, texture } });
        expect(readCell(p, cell).color, `${shape} ${color} ${size} ${texture} in ${cell}`).toBe(color);
        expect(judgePicture(p, p)).toEqual([]);
      }
    }
  });

  it('catches every size step on renders: the IoU threshold sits above the largest size-step IoU', () => {
    let largest = 0;
    for (const shape of SHAPES) for (const texture of TEXTURES) for (const a of SIZES) for (const b of SIZES) {
      if (a === b) continue;
      const [pa, pb] = [a, b].map((size) => picture({ 4: { shape, color: 'blue', size, texture } }));
      largest = Math.max(largest, iou(readCell(pa!, 4).silhouette, readCell(pb!, 4).silhouette));
      expect(judgePicture(pb!, pa!)).toEqual([expect.stringMatching(/^4: silhouette IoU/)]);
    }
    expect(largest).toBeLessThan(JUDGE.iou);
  });

  it('fails hand-made wrong turns and passes a softened right one', () => {
    const red = { shape: 'circle', color: 'red', size: 'large', texture: 'dotted' } as const;
    const expected = picture({ 4: red });
    expect(judgePicture(washOut(expected, 0.6), expected)).toEqual([expect.stringMatching(/^4: ink reads (pink|as no palette colour), expected red/)]);
    expect(judgePicture(picture({ 4: { ...red, color: 'pink' } }), expected)).toEqual(['4: ink reads pink, expected red']);
    expect(judgePicture(picture({}), expected)).toEqual([expect.stringMatching(/^4: silhouette IoU 0\.00/)]);
    expect(judgePicture(picture({ 4: red, 0: { ...red, color: 'blue' } }), expected)).toEqual(['0: empty expected, blue object drawn']);
    const solid = picture({ 2: { shape: 'star', color: 'green', size: 'medium', texture: 'solid' } });
    expect(judgePicture(blur(solid), solid)).toEqual([]);
  });

  it('measures ink colour error: none on the render itself, large on washed-out dots', () => {
    const dots = picture({ 4: { shape: 'square', color: 'blue', size: 'large', texture: 'dotted' } });
    expect(inkError(dots, dots, 4, 'blue')).toBe(0);
    expect(inkError(washOut(dots, 0.5), dots, 4, 'blue')!).toBeGreaterThan(80);
    expect(inkError(dots, dots, 0, 'blue')).toBeNull();
  });
});
