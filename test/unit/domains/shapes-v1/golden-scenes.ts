/** The scenes behind the renderer's golden images (test/unit/domains/shapes-v1/golden/). */
import { randomScene } from '../../../../src/domains/shapes-v1/generate-scene.ts';
import { Rng } from '../../../../src/domain/rng.ts';
import { COLORS, SHAPES, SIZES, TEXTURES, emptyScene, type Scene } from '../../../../src/domains/shapes-v1/scene.ts';

function allShapes(): Scene {
  const s = emptyScene();
  SHAPES.forEach((shape, i) => {
    s.cells[i] = { shape, color: COLORS[i]!, size: SIZES[i % 3]!, texture: TEXTURES[i % 3]! };
  });
  s.cells[8] = { shape: 'star', color: 'blue', size: 'large', texture: 'dotted' };
  return s;
}

function largeTextures(): Scene {
  const s = emptyScene();
  (['circle', 'square', 'heart'] as const).forEach((shape, r) =>
    TEXTURES.forEach((texture, c) => {
      s.cells[r * 3 + c] = { shape, color: COLORS[(r * 3 + c) % 8]!, size: 'large', texture };
    }),
  );
  return s;
}

/** Name -> scene; the golden files are `<name>.png` and their sha256 in raster.json. */
export const GOLDEN_SCENES: Readonly<Record<string, Scene>> = {
  'all-shapes': allShapes(),
  'large-textures': largeTextures(),
  'random-42': randomScene(new Rng(42), { minObjects: 5, maxObjects: 7 }),
  empty: emptyScene(),
};
