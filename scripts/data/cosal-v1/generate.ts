/** CoSaL records as LBIE's make_data.py draws them: a random grid and its k direct and 9-k relational sentences. */
import { neighborIn, type Direction } from '../../../src/domain/grid.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { COSAL_COLORS, COSAL_GRID, COSAL_SHAPES, type CosalRecord } from '../../../src/domains/cosal-v1/cosal.ts';

const REL_WORD: Readonly<Record<Direction, string>> = { down: 'below', up: 'above', left: 'left', right: 'right' };

/** A random record with k direct sentences; relational ones follow, each anchored on a cell already determined (LBIE). */
export function generateCosal(rng: Rng, id: string, k: number): CosalRecord {
  if (k < 1 || k > 9) throw new RangeError(`k must be 1..9, got ${k}`);
  const shapes = rng.shuffle(COSAL_SHAPES);
  const cells = shapes.map((shape) => ({ shape, color: rng.pick(COSAL_COLORS) }));
  const direct = rng.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8]).slice(0, k);
  const sentences = direct.map((c) => `${cells[c]!.shape} is ${cells[c]!.color}`);
  const known = new Set(direct);
  while (known.size < 9) {
    const options: { cell: number; anchor: number; dir: Direction }[] = [];
    for (const anchor of known) {
      for (const dir of ['down', 'up', 'left', 'right'] as const) {
        const cell = neighborIn(COSAL_GRID, anchor, dir);
        if (cell !== null && !known.has(cell)) options.push({ cell, anchor, dir });
      }
    }
    const o = rng.pick(options);
    sentences.push(`${cells[o.cell]!.color} ${REL_WORD[o.dir]} ${cells[o.anchor]!.shape}`);
    known.add(o.cell);
  }
  return { id, cells, sentences };
}
