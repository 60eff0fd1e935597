import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { DialogueManager } from '../../../src/dialogue/manager.ts';
import { generateDialogue } from '../../../scripts/data/shapes-v1/dialogue.ts';
import { applyEdit, type Edit } from '../../../src/domains/shapes-v1/edits.ts';
import { randomObject } from '../../../src/domains/shapes-v1/generate-scene.ts';
import { Rng } from '../../../src/domain/rng.ts';
import { COLORS, SHAPES, cloneScene, emptyScene, scenesEqual, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { VOCAB } from '../../../src/domains/shapes-v1/tokenizer.ts';
import { packUnderstander } from '../understanding/pack-understander.ts';

const u = await packUnderstander();

const EXTRA = ['what', 'how', 'many', 'where', 'is', 'are', 'there', 'which', 'does', 'undo', 'redo', 'forget', 'never', 'mind',
  'first', 'second', 'both', 'two', 'steps', 'and', 'then', '?', '.'];
const TEMPLATES = ['what color is the {S}?', 'how many {S}s are there?', 'is there a {C} {S}?', 'what is left of the {S}?',
  'is the {S} {C}?', 'what is below it?', 'go back two steps', 'redo twice', 'forget that', 'never mind', 'the first one', 'both',
  'make the {S} {C} and the {S} {C}', 'remove the {S} and the {S}', 'add a {C} {S}', 'top right', 'make them {C}', 'start over'];

describe('DialogueManager robustness', () => {
  it('never throws, and only edit turns change the scene, through steps that chain (noisy recognizer, random text)', async () => {
    const rng = new Rng(4242);
    const fill = (t: string) => t.replace(/\{S\}/g, () => rng.pick(SHAPES)).replace(/\{C\}/g, () => rng.pick(COLORS));
    const words = [...VOCAB.slice(2), ...EXTRA];
    const kinds = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const d = generateDialogue(rng, `r${i}`, 'heldout');
      let scene = cloneScene(d.scene as Scene);
      const m = new DialogueManager(scene, u.lexicon, SHAPES_DIALOGUE);
      const texts = d.turns.flatMap((t) => [t.user, rng.chance(0.5) ? fill(rng.pick(TEMPLATES))
        : Array.from({ length: 1 + rng.int(7) }, () => rng.pick(words)).join(' ')]);
      for (const text of texts) {
        const confidence = rng.chance(0.3) ? Array.from({ length: 9 }, () => rng.next()) : undefined;
        const r = m.turn(await u.read(text, m.context), scene, confidence ? { confidence } : {});
        kinds.add(r.kind);
        // A correction's steps start from the picture before the edit it replaces.
        let s = (r.from ? m.nodes.find((n) => n.id === r.from)!.scene : scene) as Scene;
        for (const step of r.steps) {
          s = applyEdit(s, step.edit as Edit);
          expect(step.expected, text).toEqual(s);
        }
        if (!['undo', 'redo', 'reset', 'confirm'].includes(r.kind)) expect(scenesEqual(r.scene, s), text).toBe(true);
        if (r.kind !== 'confirm') scene = cloneScene(r.scene as Scene);
        // The recognizer misreads a cell now and then; the manager must take whatever it is given.
        if (r.steps.length && rng.chance(0.3)) scene.cells[rng.int(9)] = rng.chance(0.5) ? null : randomObject(rng);
        if (rng.chance(0.05)) scene = cloneScene(m.jump(rng.pick(m.nodes).id).scene as Scene);
        if (rng.chance(0.1)) expect(DialogueManager.fromJSON(JSON.parse(JSON.stringify(m.toJSON())), u.lexicon, SHAPES_DIALOGUE).toJSON()).toEqual(m.toJSON());
      }
    }
    // Every kind a typed turn can have came up (jump only comes from jump()).
    expect([...kinds].sort()).toEqual(['answer', 'cancel', 'clarify', 'confirm', 'edit', 'impossible', 'other', 'question', 'redo', 'reset', 'undo', 'unknown']);
  });

  it('re-asks sensibly when a fresh reading of the picture lost a candidate', async () => {
    const s = emptyScene();
    s.cells[0] = { shape: 'star', color: 'red', size: 'small', texture: 'solid' };
    s.cells[8] = { shape: 'star', color: 'blue', size: 'small', texture: 'solid' };
    const m = new DialogueManager(s, u.lexicon, SHAPES_DIALOGUE);
    const say = async (text: string, scene: typeof s) => m.turn(await u.read(text, m.context), scene);
    expect((await say('make the star big', s)).kind).toBe('clarify');
    const reread = cloneScene(s);
    reread.cells[8] = null;
    expect((await say('hmm what color is it', reread)).reply).toMatch(/Which star: the one in the top left\?$/);
    expect((await say('the red one', reread)).steps.map((x) => x.instruction)).toEqual(['make the star in the top left large']);
  });
});
