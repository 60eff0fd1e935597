/**
 * Pictures outside the pack's domain (issue 24.7), through the committed pack's recognizer: scenes of its kind,
 * noisy ones and the model's own outputs redraw closely, and so do the 500 generated held-out scenes (whatever the
 * recognizer misreads); noise, gradients, photo-like blobs and the app icon do not.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../../scripts/lib/png.ts';
import { nodeEngine } from '../../../scripts/lib/node-engine.ts';
import { toSquare } from '../../../scripts/lib/resample.ts';
import { EXAMPLES, randomStart } from '../../../src/domains/shapes-v1/examples.ts';
import { NotEditableError, checkSceneFit, sceneFit } from '../../../src/conversation/domain-fit.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { Rng, hashString } from '../../../src/domain/rng.ts';
import { generateDialogue } from '../../../scripts/data/shapes-v1/dialogue.ts';
import type { Engine } from '../../../workers/engine.ts';
import type { Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';

const S = 64;
let engine: Engine;
beforeAll(async () => {
  engine = await nodeEngine('models/packs/shapes-v1');
}, 120_000);

const rgba = (f: (x: number, y: number, c: number) => number) =>
  Uint8ClampedArray.from({ length: S * S * 4 }, (_, i) => (i % 4 === 3 ? 255 : f((i >> 2) % S, Math.floor((i >> 2) / S), i % 4)));

async function fit(image: Uint8ClampedArray) {
  const { scene } = SHAPES_V1.readScene(await engine.recognize(image, S));
  return { ...sceneFit(SHAPES_V1, image, scene), scene };
}

describe('scene fit', () => {
  it('accepts every generated held-out start scene, although the recognizer misreads a cell now and then', async () => {
    for (let i = 0; i < 500; i++) {
      const scene = generateDialogue(new Rng(hashString(`dialogue:1:heldout:${i}`)), `d${i}`, 'heldout').scene as Scene;
      const picture = renderSceneRgba(scene);
      const read = SHAPES_V1.readScene(await engine.recognize(picture, S));
      expect(() => checkSceneFit(SHAPES_V1, picture, S, read.scene), `scene ${i}`).not.toThrow();
    }
  }, 120_000);

  it('passes scenes of the pack kind: rendered, noisy, and edited by the model', async () => {
    const rng = new Rng('fit');
    const pictures = [0, 1, 2, 3].map((i) => renderSceneRgba(randomStart(i)));
    pictures.push(...[4, 5].map((i) => renderSceneRgba(randomStart(i)).map((v, k) => (k % 4 === 3 ? v : v + (rng.next() - 0.5) * 40))));
    const start = renderSceneRgba(EXAMPLES[0]!.scene);
    for (const text of ['make the circle red', 'make the square in the top left big']) {
      pictures.push((await engine.edit({ image: start, size: S, text, state: null })).image);
    }
    for (const p of pictures) {
      const { scene } = await fit(p);
      expect(() => checkSceneFit(SHAPES_V1, p, S, scene)).not.toThrow();
    }
  }, 60_000);

  it('refuses noise, a gradient, photo-like blobs and the app icon, offering the scene it read', async () => {
    const rng = new Rng('ood');
    const blobs = rgba((x, y, c) => [120 + 60 * Math.sin(x / 5), 100 + 50 * Math.cos(y / 7), 90][c]!);
    for (let k = 0; k < 6; k++) {
      const [cx, cy, r, color] = [rng.int(S), rng.int(S), 4 + rng.int(12), [rng.int(256), rng.int(256), rng.int(256)]];
      for (let i = 0; i < S * S; i++) if ((i % S - cx) ** 2 + (Math.floor(i / S) - cy) ** 2 < r * r) blobs.set(color, i * 4);
    }
    const cases: [string, Uint8ClampedArray][] = [
      ['noise', rgba(() => rng.int(256))],
      ['gradient', rgba((x) => x * 4)],
      ['blobs', blobs],
      ['icon', toSquare(decodePng(readFileSync('public/icons/icon-192.png')), S)],
    ];
    for (const [name, p] of cases) {
      const { scene, mean, worstCell } = await fit(p);
      let err: unknown;
      try {
        checkSceneFit(SHAPES_V1, p, S, scene);
      } catch (e) {
        err = e;
      }
      expect(err, `${name}: mean ${mean.toFixed(1)}, worst cell ${worstCell.toFixed(1)}`).toBeInstanceOf(NotEditableError);
      expect((err as NotEditableError).scene).toEqual(scene);
      expect((err as Error).message).toMatch(/not one Parley can edit: its model knows only simple coloured shapes/);
    }
  }, 60_000);
});
