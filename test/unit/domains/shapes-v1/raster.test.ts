import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../../../scripts/lib/png.ts';
import { IMAGE_BYTES, hexToRgb, renderScene, renderSceneRgba } from '../../../../src/domains/shapes-v1/raster.ts';
import { CELL_SIZE, COLOR_HEX, IMAGE_SIZE, OUTLINE_HEX, emptyScene, type Scene } from '../../../../src/domains/shapes-v1/scene.ts';
import { GOLDEN_SCENES } from './golden-scenes.ts';

const GOLDEN = new URL('./golden/', import.meta.url);
// UPDATE_GOLDEN=1 rewrites the files after an intended renderer change; review the PNGs before committing.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function pixel(img: Uint8Array, x: number, y: number): number[] {
  const i = (y * IMAGE_SIZE + x) * 3;
  return [img[i]!, img[i + 1]!, img[i + 2]!];
}

describe('renderScene golden images', () => {
  const sums: Record<string, string> = {};
  for (const [name, scene] of Object.entries(GOLDEN_SCENES)) {
    it(`matches golden ${name}`, () => {
      const img = renderScene(scene);
      sums[name] = sha(img);
      const png = new URL(`${name}.png`, GOLDEN);
      if (UPDATE) writeFileSync(png, encodePng({ width: IMAGE_SIZE, height: IMAGE_SIZE, data: renderSceneRgba(scene) }));
      expect(existsSync(png), `missing ${png.pathname}; run with UPDATE_GOLDEN=1`).toBe(true);
      const golden = decodePng(readFileSync(png));
      expect([golden.width, golden.height]).toEqual([64, 64]);
      // Exact equality: the rasterizer is pure arithmetic, so any difference is a behaviour change.
      const diff = img.reduce((n, v, i) => n + (v !== golden.data[Math.floor(i / 3) * 4 + (i % 3)] ? 1 : 0), 0);
      expect(diff).toBe(0);
    });
  }
  it('matches the recorded checksums', () => {
    const file = new URL('raster.json', GOLDEN);
    const all = Object.fromEntries(Object.entries(GOLDEN_SCENES).map(([n, s]) => [n, sha(renderScene(s))]));
    if (UPDATE) writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(all);
  });
});

describe('renderScene properties', () => {
  const one = (cell: number, texture: 'solid' | 'striped' | 'dotted' = 'solid'): Scene => {
    const s = emptyScene();
    s.cells[cell] = { shape: 'square', color: 'red', size: 'large', texture };
    return s;
  };

  it('renders an empty scene white', () => {
    expect(renderScene(emptyScene()).every((v) => v === 255)).toBe(true);
  });

  it('keeps an object inside its cell and is deterministic', () => {
    const img = renderScene(one(4));
    expect(img.length).toBe(IMAGE_BYTES);
    expect(sha(renderScene(one(4)))).toBe(sha(img));
    for (let y = 0; y < IMAGE_SIZE; y++) {
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const inCell = x >= CELL_SIZE && x < 2 * CELL_SIZE && y >= CELL_SIZE && y < 2 * CELL_SIZE;
        if (!inCell) expect(pixel(img, x, y)).toEqual([255, 255, 255]);
      }
    }
  });

  it('fills with the spec color and outlines with #212121', () => {
    const img = renderScene(one(4));
    expect(pixel(img, 32, 32)).toEqual(hexToRgb(COLOR_HEX.red));
    // Large square: left edge at x = 32 - 0.85 * 64/3 / 2 = 22.93. In pixel 22 two of the four sample
    // columns (22.625, 22.875) lie within the half-pixel stroke, the other two outside: (33 + 255) / 2 = 144.
    const o = hexToRgb(OUTLINE_HEX)[0];
    expect(pixel(img, 22, 32)).toEqual([144, 144, 144].map(() => Math.round((o + 255) / 2)));
  });

  it('moves pixels with the object (translation by whole cells keeps its look up to sub-pixel phase)', () => {
    const a = renderScene(one(0));
    const b = renderScene(one(8));
    const count = (img: Uint8Array) => img.reduce((n, v) => n + (v !== 255 ? 1 : 0), 0);
    expect(Math.abs(count(a) - count(b))).toBeLessThan(count(a) * 0.05);
  });

  it('paints textures as color on white', () => {
    for (const t of ['striped', 'dotted'] as const) {
      const img = renderScene(one(4, t));
      let white = 0;
      let red = 0;
      for (let y = 26; y < 38; y++) {
        for (let x = 26; x < 38; x++) {
          const p = pixel(img, x, y).join();
          if (p === '255,255,255') white++;
          if (p === hexToRgb(COLOR_HEX.red).join()) red++;
        }
      }
      expect(white, t).toBeGreaterThan(10);
      expect(red, t).toBeGreaterThan(10);
    }
  });
});
