import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { EXAMPLES, randomStart } from '../../../../src/domains/shapes-v1/examples.ts';
import { DialogueManager } from '../../../../src/dialogue/index.ts';
import { occupiedCells, scenesEqual } from '../../../../src/domains/shapes-v1/scene.ts';
import { sceneProblem } from '../../../../src/domains/shapes-v1/validate.ts';
import { packUnderstander } from '../../understanding/pack-understander.ts';

describe('start pictures', () => {
  it('has valid, distinct examples with unique ids', () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) expect(sceneProblem(e.scene)).toBeNull();
    for (let i = 1; i < EXAMPLES.length; i++) expect(scenesEqual(EXAMPLES[i]!.scene, EXAMPLES[0]!.scene)).toBe(false);
  });

  it('makes "Two squares" ask which square is meant', async () => {
    const u = await packUnderstander();
    const d = new DialogueManager(EXAMPLES.find((e) => e.id === 'two-squares')!.scene, u.lexicon, SHAPES_DIALOGUE);
    const t = d.turn(await u.read('make the square green', d.context), EXAMPLES[0]!.scene);
    expect(t.kind).toBe('clarify');
    expect(t.candidates).toEqual([0, 2]);
  });

  it('draws random scenes from a seed, with 3 to 6 objects', () => {
    expect(randomStart(7)).toEqual(randomStart(7));
    for (let seed = 0; seed < 50; seed++) {
      const n = occupiedCells(randomStart(seed)).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
    }
  });
});
