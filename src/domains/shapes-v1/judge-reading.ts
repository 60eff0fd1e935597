/**
 * The touch-up rounds' view of a picture (issue 28): the recognizer's reading, except where the pixel judge sees
 * ink of another colour in a cell the recognizer reads right (red dots washed out to pink). Such a cell then
 * differs from the expected scene, so a touch-up repaints it.
 */
import { cellVerdict } from './pixel-judge.ts';
import { renderSceneRgba } from './raster.ts';
import { IMAGE_SIZE, cloneScene, type Scene, type SceneObject } from './scene.ts';

const same = (a: SceneObject, b: SceneObject) => a.shape === b.shape && a.color === b.color && a.size === b.size && a.texture === b.texture;

/** `seen` with the colour the pixels show in every cell where the recognizer agrees with `expected` but the ink does not. */
export function judgeReading(image: Uint8ClampedArray, expected: Scene, seen: Scene): Scene {
  if (image.length !== IMAGE_SIZE * IMAGE_SIZE * 4) return seen;
  const render = renderSceneRgba(expected);
  const out = cloneScene(seen);
  expected.cells.forEach((want, c) => {
    const have = seen.cells[c];
    if (!want || !have || !same(want, have)) return;
    // Only ink the judge names: a silhouette it doubts (circle or hexagon?) is the recognizer's to tell apart.
    const v = cellVerdict(image, render, c);
    if (v?.why === 'ink' && v.reads && v.reads !== want.color) out.cells[c] = { ...have, color: v.reads };
  });
  return out;
}
