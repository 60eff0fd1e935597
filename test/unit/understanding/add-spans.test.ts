/**
 * Terse additions and "X to <place>" through the committed pack's understanding: the words before the place are
 * the new object; an addition of an object that exists, short of a colour, is a move; "a"/"another" stays new.
 */
import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { DialogueManager } from '../../../src/dialogue/manager.ts';
import { emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { packUnderstander } from './pack-understander.ts';

const u = await packUnderstander();

function scene(): Scene {
  const s = emptyScene();
  s.cells[4] = { shape: 'star', color: 'green', size: 'medium', texture: 'solid' };
  s.cells[0] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'striped' };
  return s;
}

/** `text` as the second turn of a dialogue, after an edit (as people write these: mid-conversation). */
async function say(text: string) {
  const m = new DialogueManager(scene(), u.lexicon, SHAPES_DIALOGUE);
  m.turn(await u.read('make the circle red', m.context), m.current.scene);
  const t = m.turn(await u.read(text, m.context), m.current.scene);
  return { kind: t.kind, reply: t.reply, cells: m.current.scene.cells };
}

describe('additions read from the words', () => {
  it('adds "red heart top right" as a red heart in the top right', async () => {
    const t = await say('red heart top right');
    expect(t.kind).toBe('edit');
    expect(t.cells[2]).toMatchObject({ shape: 'heart', color: 'red' });
  });

  it('moves the one star for "star to the bottom right corner"', async () => {
    const t = await say('star to the bottom right corner');
    expect(t.kind).toBe('edit');
    expect(t.cells[8]).toMatchObject({ shape: 'star', color: 'green' });
    expect(t.cells[4]).toBeNull();
  });

  it('keeps "put a star in the bottom right corner" an addition, and asks for its colour', async () => {
    const t = await say('put a star in the bottom right corner');
    expect(t.kind).toBe('clarify');
    expect(t.reply).toMatch(/What color should the new/);
    expect(t.cells[4]).toMatchObject({ shape: 'star' });
  });

  it('does not take "square" (a shape) for a grid square', async () => {
    const m = new DialogueManager(scene(), u.lexicon, SHAPES_DIALOGUE);
    const t = m.turn(await u.read('add a blue square', m.context), m.current.scene);
    expect(t.kind).toBe('clarify');
    const answer = m.turn(await u.read('top right corner', m.context), m.current.scene);
    expect(answer.kind).toBe('answer');
    expect(m.current.scene.cells[2]).toMatchObject({ shape: 'square', color: 'blue' });
  });
});

describe('"now the other one"', () => {
  it('repeats the last change on another object, never on the same one again', async () => {
    const s = emptyScene();
    s.cells[0] = { shape: 'heart', color: 'pink', size: 'medium', texture: 'solid' };
    s.cells[8] = { shape: 'heart', color: 'pink', size: 'small', texture: 'dotted' };
    s.cells[4] = { shape: 'star', color: 'green', size: 'medium', texture: 'solid' };
    const m = new DialogueManager(s, u.lexicon, SHAPES_DIALOGUE);
    const say = async (text: string) => m.turn(await u.read(text, m.context), m.current.scene);
    expect((await say('make the pink heart blue')).kind).toBe('clarify');
    expect((await say('the one in the top left')).kind).toBe('answer');
    const t = await say('now the other one');
    expect(t.reply).not.toMatch(/already/);
    expect(m.current.scene.cells[8]).toMatchObject({ shape: 'heart', color: 'blue' });
  });
});
