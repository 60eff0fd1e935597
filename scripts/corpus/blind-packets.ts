/**
 * Writes the packets blind writers work from: the spec, a brief, and scenes (JSON + a 5x PNG), nothing else.
 * Usage: tsx scripts/corpus/blind-packets.ts --out DIR --writers N --scenes M [--seed S]
 * Why: the understanding corpus (test/corpus/understanding) must come from people who never saw the grammar.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomScene } from '../../src/domains/shapes-v1/generate-scene.ts';
import { renderSceneRgba } from '../../src/domains/shapes-v1/raster.ts';
import { Rng } from '../../src/domain/rng.ts';
import { IMAGE_SIZE, objectAt, occupiedCells, sceneToJson, type Scene } from '../../src/domains/shapes-v1/scene.ts';
import { fail, parseCli, writePng } from '../lib/cli.ts';

const values = parseCli({ usage: 'blind-packets --out DIR [--writers N] [--scenes M] [--seed S] [--spec FILE]',
  options: { out: { type: 'string' }, writers: { type: 'string', default: '12' }, scenes: { type: 'string', default: '30' },
    seed: { type: 'string', default: '9001' }, spec: { type: 'string', default: '../shared/spec/shapes-v1.md' } },
});
if (!values.out) fail('missing --out DIR');
const SCALE = 5;

// Scenes with repeated shapes or colours, so that ambiguous references occur as they do in use.
function scene(rng: Rng): Scene {
  const s = randomScene(rng, { minObjects: 3, maxObjects: 8 });
  const occ = rng.shuffle(occupiedCells(s));
  for (let k = 1; k < occ.length && rng.chance(k === 1 ? 0.7 : 0.3); k++) {
    const a = objectAt(s, occ[0]!);
    s.cells[occ[k]!] = { ...objectAt(s, occ[k]!), ...(rng.chance(0.6) ? { shape: a.shape } : { color: a.color }) };
  }
  return s;
}

function upscale(rgba: Uint8ClampedArray): Uint8ClampedArray {
  const n = IMAGE_SIZE * SCALE;
  const out = new Uint8ClampedArray(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const src = (Math.floor(y / SCALE) * IMAGE_SIZE + Math.floor(x / SCALE)) * 4;
      out.set(rgba.subarray(src, src + 4), (y * n + x) * 4);
    }
  }
  return out;
}

for (let w = 1; w <= Number(values.writers); w++) {
  const dir = join(values.out, `w${String(w).padStart(2, '0')}`);
  mkdirSync(join(dir, 'scenes'), { recursive: true });
  copyFileSync(values.spec, join(dir, 'spec.md'));
  const rng = new Rng(Number(values.seed) * 100 + w);
  for (let i = 1; i <= Number(values.scenes); i++) {
    const s = scene(rng);
    const name = `s${String(i).padStart(2, '0')}`;
    writeFileSync(join(dir, 'scenes', `${name}.json`), `${JSON.stringify(sceneToJson(s))}\n`);
    writePng(join(dir, 'scenes', `${name}.png`), upscale(renderSceneRgba(s)), IMAGE_SIZE * SCALE);
  }
}
console.log(`packets for ${values.writers} writers, ${values.scenes} scenes each -> ${values.out}`);
