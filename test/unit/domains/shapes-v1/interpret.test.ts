import { describe, expect, it } from 'vitest';
import { interpret, type Interpretation } from '../../../../src/domains/shapes-v1/interpret.ts';
import { ReferenceSession } from '../../../../scripts/data/shapes-v1/reference-session.ts';
import { sixObjects } from './six-objects.ts';

// The six-object scene (six-objects.ts).
const scene = sixObjects;

const run = (text: string, referent: number[] | null = null): Interpretation => interpret(text, { scene: scene(), referent });
const edits = (text: string, referent: number[] | null = null) => {
  const r = run(text, referent);
  if (r.kind !== 'edit') throw new Error(`${text}: ${JSON.stringify(r)}`);
  return r.edits;
};

describe('interpret: single edits', () => {
  it.each([
    ['make the star red', { op: 'recolor', cells: [4], color: 'red' }],
    ['Could you plese make the stra purple?', { op: 'recolor', cells: [4], color: 'purple' }],
    ['make all the circles green', { op: 'recolor', cells: [0, 8], color: 'green' }],
    ['turn the big square into a heart', { op: 'reshape', cells: [1], shape: 'heart' }],
    ['remove the one left of the star', { op: 'remove', cells: [3] }],
    ['make the heart a little smaller', { op: 'resize', cells: [6], size: 'smaller' }],
    ['scale the small circle up', { op: 'resize', cells: [8], size: 'bigger' }],
    ['move the heart to the top right', { op: 'move', from: 6, to: 2 }],
    ['put the star in the bottom middle', { op: 'move', from: 4, to: 7 }],
    ['move the star one cell to the right', { op: 'move', from: 4, to: 5 }],
    ['add a small pink striped triangle in the middle right', { op: 'add', cell: 5, object: { shape: 'triangle', color: 'pink', size: 'small', texture: 'striped' } }],
    ['draw a red heart below the star', { op: 'add', cell: 7, object: { shape: 'heart', color: 'red', size: 'medium', texture: 'solid' } }],
    ['swap the heart and the star', { op: 'swap', a: 6, b: 4 }],
    ['give the heart stripes', { op: 'retexture', cells: [6], texture: 'striped' }],
    ['remove the dots from the small square', { op: 'retexture', cells: [3], texture: 'solid' }],
    ['make the heart the same color as the big square', { op: 'recolor', cells: [6], color: 'blue' }],
    ['the circle in the top left should be the same size as the heart', { op: 'resize', cells: [0], size: 'large' }],
    ['make the circle of blue color red', { op: 'recolor', cells: [8], color: 'red' }],
    ['remove the square of small size', { op: 'remove', cells: [3] }],
    ['make the square which is red green', { op: 'recolor', cells: [3], color: 'green' }],
  ])('%s', (text, edit) => {
    expect(edits(text)).toEqual([edit]);
  });
});

describe('interpret: context, sentences and commands', () => {
  it('resolves pronouns and "the same" against the previous referent', () => {
    expect(edits('make it bigger', [4])).toEqual([{ op: 'resize', cells: [4], size: 'bigger' }]);
    expect(edits('now make the heart the same color', [4])).toEqual([{ op: 'recolor', cells: [6], color: 'green' }]);
    expect(edits('make them orange', [0, 8])).toEqual([{ op: 'recolor', cells: [0, 8], color: 'orange' }]);
    expect(run('make it red', null)).toMatchObject({ kind: 'unknown' });
  });

  it('reads several sentences in order, each on the result of the last', () => {
    expect(edits('see the heart? make it small.')).toEqual([{ op: 'resize', cells: [6], size: 'small' }]);
    expect(edits('Move the star to the top right, then make it red.')).toEqual([
      { op: 'move', from: 4, to: 2 }, { op: 'recolor', cells: [2], color: 'red' },
    ]);
  });

  it('recognizes undo, redo and reset phrasings', () => {
    for (const t of ['undo that', 'Scratch that!', 'go back']) expect(run(t).kind).toBe('undo');
    for (const t of ['redo', 'please redo it']) expect(run(t).kind).toBe('redo');
    for (const t of ['start over', 'Reset the picture.', 'go back to the original']) expect(run(t).kind).toBe('reset');
  });

  it('corrects typos in content words but never turns other words into function words', () => {
    expect(edits('mkae teh star rde')).toEqual([{ op: 'recolor', cells: [4], color: 'red' }]);
    expect(edits('make the hert bleu')).toEqual([{ op: 'recolor', cells: [6], color: 'blue' }]);
    // "what" is one letter from "that" (a pronoun); reading it so would silently edit the previous referent.
    expect(run('what about the triangle?', [4])).toEqual({ kind: 'unknown', reason: 'nothing matches "the triangle"' });
  });

  it('says why it cannot act', () => {
    expect(run('make the triangle red')).toEqual({ kind: 'unknown', reason: 'nothing matches "the triangle"' });
    expect(run('move the heart up')).toEqual({ kind: 'unknown', reason: 'that place is taken' });
    expect(run('add a star in the top left')).toMatchObject({ kind: 'unknown' });
  });
});

describe('interpret: clarifying questions (scene-aware ambiguity)', () => {
  it('asks when a singular reference matches several objects, and the answer picks one', () => {
    const q = run('make the square bigger');
    expect(q.kind).toBe('clarify');
    if (q.kind !== 'clarify') return;
    expect(q.pending.candidates).toEqual([1, 3]);
    expect(q.question).toContain('top');
    const answer = (text: string) => interpret(text, { scene: scene(), pending: q.pending });
    expect(answer('the left one')).toMatchObject({ kind: 'edit', edits: [{ op: 'resize', cells: [3], size: 'bigger' }] });
    expect(answer('the striped one')).toMatchObject({ kind: 'edit', edits: [{ cells: [1] }] });
    expect(answer('I mean the one in the top middle')).toMatchObject({ kind: 'edit', edits: [{ cells: [1] }] });
    expect(answer('top')).toMatchObject({ kind: 'edit', edits: [{ cells: [1] }] });
    expect(answer('the green one').kind).toBe('clarify');
  });

  it('keeps earlier answers when one turn holds two ambiguous references', () => {
    const ctx = { scene: scene() };
    for (const text of ['swap the square and the circle', 'make the square red. make the circle green.']) {
      const q1 = interpret(text, ctx);
      if (q1.kind !== 'clarify') throw new Error(JSON.stringify(q1));
      expect(q1.pending.candidates).toEqual([1, 3]);
      const q2 = interpret('the left one', { ...ctx, pending: q1.pending });
      if (q2.kind !== 'clarify') throw new Error(JSON.stringify(q2));
      expect(q2.pending.candidates).toEqual([0, 8]);
      expect(q2.pending.resolved).toEqual([{ index: 0, slot: 'target', cell: 3 }]);
      const done = interpret('the right one', { ...ctx, pending: q2.pending });
      expect(done.kind).toBe('edit');
      if (done.kind !== 'edit') return;
      expect(done.edits[0]).toEqual(text.startsWith('swap') ? { op: 'swap', a: 3, b: 8 } : { op: 'recolor', cells: [3], color: 'red' });
      if (!text.startsWith('swap')) expect(done.edits[1]).toEqual({ op: 'recolor', cells: [8], color: 'green' });
    }
  });

  it('does not ask when the scene has only one match', () => {
    expect(edits('make the square bigger'.replace('square', 'heart'))).toHaveLength(1);
    expect(run('make the red one blue').kind).toBe('clarify');
  });
});

describe('ReferenceSession', () => {
  it('keeps history for undo, redo and reset, and waits for answers', () => {
    const s = new ReferenceSession(scene());
    const start = JSON.stringify(s.scene);
    expect(s.turn('make the star red').kind).toBe('edit');
    const red = JSON.stringify(s.scene);
    expect(s.turn('make the square bigger').kind).toBe('clarify');
    expect(s.awaitingAnswer).toBe(true);
    expect(JSON.stringify(s.scene)).toBe(red);
    expect(s.turn('the left one').edits).toEqual([{ op: 'resize', cells: [3], size: 'bigger' }]);
    expect(s.turn('undo that').kind).toBe('undo');
    expect(JSON.stringify(s.scene)).toBe(red);
    s.turn('redo');
    expect(s.scene.cells[3]!.size).toBe('medium');
    s.turn('start over');
    expect(JSON.stringify(s.scene)).toBe(start);
    s.turn('undo');
    expect(s.scene.cells[3]!.size).toBe('medium');
    const restored = new ReferenceSession(scene(), JSON.parse(JSON.stringify(s.state())));
    expect(restored.scene).toEqual(s.scene);
  });
});
