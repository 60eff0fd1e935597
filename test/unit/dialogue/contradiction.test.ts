/**
 * An edit that contradicts the request's words is a bug (issue 23): "too big" must never make a shape bigger,
 * "enlarge" never smaller, "make it red" never another colour. Run through the committed pack's understanding.
 */
import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { alongWords, askedDirection, contradictsIn } from '../../../src/dialogue/contradiction.ts';
import { DialogueManager } from '../../../src/dialogue/manager.ts';
import { SIZES, emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { packUnderstander } from '../understanding/pack-understander.ts';

const u = await packUnderstander();

function scene(size: 'small' | 'medium' | 'large'): Scene {
  const s = emptyScene();
  s.cells[4] = { shape: 'star', color: 'green', size, texture: 'solid' };
  s.cells[0] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'striped' };
  return s;
}

const GROW = ['the star is too small', 'the star in the center is too small, enlarge it', 'the thing in the middle is way too tiny',
  'enlarge the star', 'blow up the star', 'make the star a bit bigger', 'i can barely see the star', 'star bigger pls',
  'the star looks too small, make it bigger', 'the star is tiny, bump it up a size', 'grow the star', 'the star is too little'];
const SHRINK = ['the star is too big', 'the star looks too big, make it smaller', 'shrink the star', 'make the star tinier',
  'the star is hogging all the space', 'the star is way too large', 'star smaller', 'the star is far too big, reduce it',
  'the star in the middle is massive, tone it down', 'make the star a little smaller please'];

describe('edits never contradict the request', () => {
  it('reads the size direction people ask for', () => {
    expect(askedDirection('the star is too small enlarge it'.split(' '), u.lexicon)).toBe(1);
    expect(askedDirection('the star looks too big make it smaller'.split(' '), u.lexicon)).toBe(-1);
    expect(askedDirection('make the star red'.split(' '), u.lexicon)).toBe(0);
    expect(askedDirection('too small no too big'.split(' '), u.lexicon)).toBe(0);
  });

  for (const [texts, dir] of [[GROW, 1], [SHRINK, -1]] as const) {
    for (const text of texts) {
      it(`"${text}" never goes ${dir > 0 ? 'smaller' : 'bigger'}`, async () => {
        const s = scene('medium');
        const m = new DialogueManager(s, u.lexicon, SHAPES_DIALOGUE);
        const t = m.turn(await u.read(text, m.context), s);
        const after = (t.scene as Scene).cells[4]?.size;
        if (after) expect(Math.sign(SIZES.indexOf(after) - SIZES.indexOf('medium')), `${t.kind}: ${t.reply}`).not.toBe(-dir);
        expect(['edit', 'confirm', 'clarify'], t.reply).toContain(t.kind);
      });
    }
  }

  it('never paints another colour than the one named', async () => {
    for (const text of ['make the star red', 'star red', 'paint the star crimson', 'the star should be scarlet', 'red star please, i mean make the star red']) {
      const s = scene('medium');
      const m = new DialogueManager(s, u.lexicon, SHAPES_DIALOGUE);
      const t = m.turn(await u.read(text, m.context), s);
      if (t.kind === 'edit') expect(t.scene.cells[4]?.color, text).toBe('red');
      expect(t.scene.cells[0]?.color, text).toBe('blue');
    }
  });

  it('never gives an object a value the words deny', async () => {
    // The star is solid, the circle striped.
    for (const text of ['the star should have no stripes', 'the star without stripes please', 'make the star have no dots',
      'the star, no stripes', 'no stripes on the star', 'the circle should have no stripes', 'give the circle no stripes']) {
      const s = scene('medium');
      const m = new DialogueManager(s, u.lexicon, SHAPES_DIALOGUE);
      const t = m.turn(await u.read(text, m.context), s);
      expect(t.scene.cells[4]?.texture, `${text}: ${t.reply}`).toBe('solid');
      if (text.includes('circle') && t.kind === 'edit') expect(t.scene.cells[0]?.texture, text).toBe('solid');
    }
  });

  it('the guard catches a denied value even when the reading carries it', () => {
    const words = 'the star should have no stripes'.split(' ');
    const reading = { utterance: { text: words.join(' '), words }, context: 'start' as const, clauses: [] };
    const striped = [{ op: 'set' as const, cells: [4], attr: 'texture', value: 'striped' }];
    expect(contradictsIn(reading as never, striped, u.lexicon, scene('medium'))).toBe(true);
    expect(alongWords(reading as never, striped, u.lexicon)).toEqual([{ ...striped[0], value: 'solid' }]);
    expect(contradictsIn(reading as never, [{ ...striped[0]!, value: 'solid' }], u.lexicon, scene('medium'))).toBe(false);
  });
});
