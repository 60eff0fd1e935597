/** The recognizer's heads as a shapes-v1 scene: per cell, shape-or-empty, then color, size and texture. */
import type { HeadReadings, Recognition } from '../../domain/domain.ts';
import { COLORS, DOMAIN, SHAPES, SIZES, TEXTURES, type Scene, type SceneObject } from './scene.ts';

/** Reads the heads (shape class 0 = empty cell); a cell's confidence is its least sure head. */
export function readScene({ cells: n, heads }: HeadReadings): Recognition<Scene> {
  const head = (name: string) => {
    const h = heads[name];
    if (!h || h.index.length !== n) throw new RangeError(`the recognizer has no "${name}" head for ${n} cells`);
    return h;
  };
  const [shape, color, size, texture] = [head('shape'), head('color'), head('size'), head('texture')];
  const cells: (SceneObject | null)[] = [];
  const confidence: number[] = [];
  for (let c = 0; c < n; c++) {
    if (shape.index[c] === 0) {
      cells.push(null);
      confidence.push(shape.p[c]!);
      continue;
    }
    cells.push({
      shape: SHAPES[shape.index[c]! - 1]!, color: COLORS[color.index[c]!]!, size: SIZES[size.index[c]!]!, texture: TEXTURES[texture.index[c]!]!,
    });
    confidence.push(Math.min(shape.p[c]!, color.p[c]!, size.p[c]!, texture.p[c]!));
  }
  return { scene: { domain: DOMAIN, cells }, confidence };
}

/** The heads a perfect recognizer would report for a scene (the inverse of readScene), for stand-in engines. */
export function headsOfScene(scene: Scene, p = 1): HeadReadings {
  const n = scene.cells.length;
  const head = (index: (o: SceneObject) => number, empty: number) =>
    ({ index: scene.cells.map((o) => (o ? index(o) : empty)), p: Array<number>(n).fill(p) });
  return {
    cells: n,
    heads: {
      shape: head((o) => SHAPES.indexOf(o.shape) + 1, 0),
      color: head((o) => COLORS.indexOf(o.color), 0),
      size: head((o) => SIZES.indexOf(o.size), 0),
      texture: head((o) => TEXTURES.indexOf(o.texture), 0),
    },
  };
}
