/**
 * Browser vs Node: Chromium rasterizing our SVG (renderSvg) agrees with our own rasterizer (renderScene)
 * within stated tolerances. Our rasterizer is pure arithmetic (bit-identical in Node and any browser by
 * construction); this checks that the SVG we export shows the same picture. Differences come from Skia's
 * analytic anti-aliasing and filtered pattern tiles versus our 4x4 supersampling, so they sit on edges and stripes.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomScene } from '../../src/domains/shapes-v1/generate-scene.ts';
import { renderScene } from '../../src/domains/shapes-v1/raster.ts';
import { Rng } from '../../src/domain/rng.ts';
import { CELL_SIZE, IMAGE_SIZE, type Scene, type SceneObject } from '../../src/domains/shapes-v1/scene.ts';
import { renderSvg } from '../../src/domains/shapes-v1/svg.ts';
import { GOLDEN_SCENES } from '../unit/domains/shapes-v1/golden-scenes.ts';

// Measured with Chromium 156 (--disable-gpu): mean abs diff 1.8-7.2 per scene, worst cell 4-14.7, share of
// pixels over 64 at most 0.34%. Edge pixels differ by ~15-20 levels (Skia's analytic coverage vs our 16
// samples); 8x8 supersampling would only shave ~15% off, at a quarter of the speed.
/** Mean absolute difference per channel (0..255), over the whole image. */
const MAX_MEAN_ABS_DIFF = 8;
/** Share of pixels whose largest channel difference exceeds PIXEL_THRESHOLD. */
const MAX_SHARE_OVER = 0.01;
const PIXEL_THRESHOLD = 64;
/** Mean absolute difference within any one of the nine cells. */
const MAX_CELL_MEAN_ABS_DIFF = 18;

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => browser?.close());

// Draws each SVG onto a 64x64 canvas in the page and returns the RGB bytes.
async function chromiumPixels(svgs: string[]): Promise<Uint8Array[]> {
  const page = await browser.newPage();
  await page.goto('about:blank');
  const out = await page.evaluate(async ({ svgs, size }) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const result: number[][] = [];
    for (const svg of svgs) {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await img.decode();
      ctx.clearRect(0, 0, size, size);
      ctx.drawImage(img, 0, 0);
      const rgba = ctx.getImageData(0, 0, size, size).data;
      result.push(Array.from({ length: size * size * 3 }, (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)]!));
    }
    return result;
  }, { svgs, size: IMAGE_SIZE });
  await page.close();
  return out.map((a) => Uint8Array.from(a));
}

// Whole-image mean abs diff, share of pixels over the threshold, and the worst cell's mean abs diff
// (a wrong color or shape in one cell shows there even when the whole-image figures barely move).
function compare(a: Uint8Array, b: Uint8Array): { mean: number; over: number; cell: number } {
  let sum = 0;
  let over = 0;
  const cellSum = new Array<number>(9).fill(0);
  const cellN = new Array<number>(9).fill(0);
  for (let p = 0; p < IMAGE_SIZE * IMAGE_SIZE; p++) {
    let worst = 0;
    let d3 = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a[p * 3 + c]! - b[p * 3 + c]!);
      d3 += d;
      worst = Math.max(worst, d);
    }
    sum += d3;
    if (worst > PIXEL_THRESHOLD) over++;
    const cell = Math.floor(Math.floor(p / IMAGE_SIZE) / CELL_SIZE) * 3 + Math.floor((p % IMAGE_SIZE) / CELL_SIZE);
    cellSum[cell]! += d3 / 3;
    cellN[cell]!++;
  }
  const cell = Math.max(...cellSum.map((v, i) => v / cellN[i]!));
  return { mean: sum / a.length, over: over / (IMAGE_SIZE * IMAGE_SIZE), cell };
}

const within = (r: { mean: number; over: number; cell: number }) =>
  r.mean <= MAX_MEAN_ABS_DIFF && r.over <= MAX_SHARE_OVER && r.cell <= MAX_CELL_MEAN_ABS_DIFF;

describe('Chromium SVG vs our rasterizer', () => {
  it('agree within tolerance on the golden scenes and random scenes', async () => {
    const rng = new Rng(2024);
    const scenes: [string, Scene][] = [
      ...Object.entries(GOLDEN_SCENES),
      ...Array.from({ length: 16 }, (_, i) => [`random-${i}`, randomScene(rng, { minObjects: 4, maxObjects: 9 })] as [string, Scene]),
    ];
    const browserPixels = await chromiumPixels(scenes.map(([, s]) => renderSvg(s)));
    const rows = scenes.map(([name, s], i) => ({ name, ...compare(renderScene(s), browserPixels[i]!) }));
    console.table(rows.map((r) => ({ scene: r.name, meanAbsDiff: r.mean.toFixed(2), shareOver64: r.over.toFixed(4), worstCell: r.cell.toFixed(2) })));
    for (const r of rows) expect(within(r), `${r.name}: ${JSON.stringify(r)}`).toBe(true);

    // Negative controls: a wrong color or a wrong shape in one cell must fall outside the tolerance.
    const names = scenes.map(([n]) => n);
    const at = names.indexOf('large-textures');
    const golden = GOLDEN_SCENES['large-textures']!;
    const tweak = (o: Partial<SceneObject>): Scene => ({ ...golden, cells: golden.cells.map((c, i) => (i === 0 && c ? { ...c, ...o } : c)) });
    for (const wrong of [tweak({ color: 'blue' }), tweak({ shape: 'square' }), tweak({ size: 'medium' })]) {
      expect(within(compare(renderScene(wrong), browserPixels[at]!)), JSON.stringify(wrong.cells[0])).toBe(false);
    }
  });
});
