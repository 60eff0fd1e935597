import { describe, expect, it } from 'vitest';
import { generateDialogue } from '../../../scripts/data/shapes-v1/dialogue.ts';
import { Rng } from '../../../src/domain/rng.ts';
import { sceneToJson, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { ReferenceSession } from '../../../scripts/data/shapes-v1/reference-session.ts';
import { validateDialogues } from '../../../src/domains/shapes-v1/validate.ts';

describe('generateDialogue', () => {
  for (const split of ['train', 'heldout'] as const) {
    it(`writes ${split} dialogues of 3-6 turns whose expectations the reference session meets`, () => {
      const rng = new Rng(split === 'train' ? 1 : 2);
      const dialogues = Array.from({ length: 250 }, (_, i) => generateDialogue(rng, `d${i}`, split));
      let clarify = 0;
      let meta = 0;
      for (const d of dialogues) {
        expect(d.turns.length).toBeGreaterThanOrEqual(3);
        expect(d.turns.length).toBeLessThanOrEqual(6);
        const s = new ReferenceSession(d.scene as Scene);
        d.turns.forEach((t, k) => {
          const r = s.turn(t.user);
          if ('clarify' in t.expect) {
            clarify++;
            expect(r.kind, `${d.id}#${k} ${t.user}`).toBe('clarify');
            expect(d.turns[k + 1], 'a question is always answered').toBeDefined();
          } else {
            if (['undo', 'redo', 'reset'].includes(r.kind)) meta++;
            expect(sceneToJson(s.scene), `${d.id}#${k} ${t.user}`).toEqual(t.expect);
          }
        });
      }
      expect(clarify).toBeGreaterThan(50);
      expect(meta).toBeGreaterThan(50);
      const jsonl = dialogues.map((d) => JSON.stringify(d)).join('\n');
      expect(validateDialogues(jsonl).issues).toEqual([]);
    });
  }

  it('is deterministic from the seed', () => {
    const a = JSON.stringify(generateDialogue(new Rng(77), 'x', 'train'));
    expect(JSON.stringify(generateDialogue(new Rng(77), 'x', 'train'))).toBe(a);
    expect(JSON.stringify(generateDialogue(new Rng(78), 'x', 'train'))).not.toBe(a);
  });
});
