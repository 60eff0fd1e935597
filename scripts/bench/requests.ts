/** Realistic benchmark turns: random scenes with one canonical edit instruction each (what the dialogue layer sends). */
import { canonicalInstruction } from '../../src/domains/shapes-v1/dialogue/canonical.ts';
import { editCells } from '../../src/domains/shapes-v1/edits.ts';
import { randomEdit } from '../data/shapes-v1/random-edit.ts';
import { randomScene } from '../../src/domains/shapes-v1/generate-scene.ts';
import { renderSceneRgba } from '../../src/domains/shapes-v1/raster.ts';
import { Rng } from '../../src/domain/rng.ts';
import type { EditRequest } from '../../workers/engine.ts';

/**
 * `count` seeded edit requests for a pack of image side `size` (blank pictures when it is not shapes-v1's 64), each
 * keeping only its edit's cells, as the app asks (conversation.ts).
 */
export function benchRequests(size: number, count: number): EditRequest[] {
  const rng = new Rng(2026);
  const out: EditRequest[] = [];
  while (out.length < count) {
    const scene = randomScene(rng);
    const choice = randomEdit(rng, scene);
    const text = choice && canonicalInstruction(choice.edit, scene);
    if (!text) continue;
    const image = size === 64 ? renderSceneRgba(scene) : new Uint8ClampedArray(size * size * 4).fill(255);
    out.push({ image, size, text, state: null, keep: { grid: { rows: 3, cols: 3 }, cells: editCells(choice.edit) } });
  }
  return out;
}
