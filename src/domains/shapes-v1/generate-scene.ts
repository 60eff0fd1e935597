/** Random shapes-v1 scenes, deterministic from an Rng. */
import type { Rng } from '../../domain/rng.ts';
import { COLORS, GRID, SHAPES, SIZES, TEXTURES, emptyScene, type Scene, type SceneObject } from './scene.ts';

/** Options for randomScene: how many objects (inclusive range). */
export interface SceneOptions {
  minObjects?: number;
  maxObjects?: number;
}

/** A uniformly random object. */
export function randomObject(rng: Rng): SceneObject {
  return { shape: rng.pick(SHAPES), color: rng.pick(COLORS), size: rng.pick(SIZES), texture: rng.pick(TEXTURES) };
}

/** A random scene with between minObjects and maxObjects objects in random cells. */
export function randomScene(rng: Rng, opts: SceneOptions = {}): Scene {
  const lo = opts.minObjects ?? 2;
  const hi = opts.maxObjects ?? 7;
  if (lo < 0 || hi > GRID * GRID || lo > hi) throw new RangeError(`bad object range ${lo}..${hi}`);
  const n = lo + rng.int(hi - lo + 1);
  const scene = emptyScene();
  const cells = rng.shuffle(Array.from({ length: GRID * GRID }, (_, i) => i)).slice(0, n);
  for (const c of cells) scene.cells[c] = randomObject(rng);
  return scene;
}
