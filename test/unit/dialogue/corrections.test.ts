import { describe, expect, it } from 'vitest';
import { CONFIRM_BELOW } from '../../../src/dialogue/confidence.ts';
import { DialogueManager } from '../../../src/dialogue/manager.ts';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { applyEdit } from '../../../src/domains/shapes-v1/edits.ts';
import { cloneScene } from '../../../src/domains/shapes-v1/scene.ts';
import { sixObjects } from '../domains/shapes-v1/six-objects.ts';
import { Chat, chatUnderstander } from './chat.ts';

// 0 red circle | 1 blue striped large square | 2 -
// 3 red dotted small square | 4 green star | 5 -
// 6 yellow large heart | 7 - | 8 blue small circle
const u = chatUnderstander();

describe('corrections replace the last edit', () => {
  it('keeping the edited object as it was undoes the edit, and redo brings it back', async () => {
    for (const keep of ['no, leave it green', 'hmm actually keep that one green', 'no wait, back to green please', 'no undo that, i want it green still']) {
      const c = new Chat();
      await c.say('make the star blue');
      const r = await c.say(keep);
      expect(r.kind, keep).toBe('undo');
      expect(r.scene, keep).toEqual(sixObjects());
      expect((await c.say('redo')).scene.cells[4]!.color, keep).toBe('blue');
    }
  });

  it('"keep that one red, do the small one instead" moves the edit to the other object', async () => {
    const c = new Chat();
    expect((await c.say('make the red circle orange')).scene.cells[0]!.color).toBe('orange');
    const r = await c.say('hmm no actually keep that one red. do the small one instead');
    expect(r.scene).toEqual(applyEdit(sixObjects(), { op: 'recolor', cells: [8], color: 'orange' }));
    // One step replaces the other: a single undo gets back to the original.
    expect((await c.say('undo')).scene).toEqual(sixObjects());
  });

  it('"no, the blue one" means an object of the kind just edited, when that settles it', async () => {
    const c = new Chat();
    await c.say('make the red circle green');
    const r = await c.say('no, the blue one');
    expect(r.kind).toBe('edit');
    expect(r.scene).toEqual(applyEdit(sixObjects(), { op: 'recolor', cells: [8], color: 'green' }));
    // Without a kind to narrow it ("the blue one" is a square or a circle), it asks.
    const d = new Chat();
    await d.say('make the star purple');
    expect((await d.say('no, the blue one')).kind).toBe('clarify');
  });
  it('a correction that names no place keeps where the last edit put its object', async () => {
    const c = new Chat();
    await c.say('remove the star');
    expect((await c.say('put a heart where it was')).kind).toBe('clarify');
    expect((await c.say('orange')).scene.cells[4]).toMatchObject({ shape: 'heart', color: 'orange' });
    const r = await c.say('hmm, no, pink i think');
    expect(r.scene.cells[4], r.reply).toMatchObject({ shape: 'heart', color: 'pink' });
    expect(r.scene.cells.filter((o) => o?.shape === 'heart')).toHaveLength(2);
    const m = new Chat();
    await m.say('move the star to the top right');
    const other = await m.say('no, the heart');
    expect(other.scene.cells[2], other.reply).toMatchObject({ shape: 'heart' });
    expect(other.scene.cells[4]).toMatchObject({ shape: 'star' });
  });
});

describe('corrections narrow, exclude and restate', () => {
  const recolored = (cells: number[], color: 'red' | 'green' | 'blue' | 'purple') => applyEdit(sixObjects(), { op: 'recolor', cells, color });

  it('leaves out what "not" and "can stay" name, among the objects just changed', async () => {
    for (const [first, fix] of [
      ['make the red shapes blue', 'not the circle'],
      ['make the red shapes blue', 'hmm actually the top one can stay red'],
      ['i dont like all this red. make the red shapes blue', 'hmm actually the top one can stay red'],
    ] as const) {
      const c = new Chat();
      await c.say(first);
      expect((await c.say(fix)).scene, fix).toEqual(recolored([3], 'blue'));
    }
  });

  it('narrows to "just the small one" and "the middle one of the top row"', async () => {
    const c = new Chat();
    await c.say('make the squares green');
    expect((await c.say('hmm actually just the small one')).scene).toEqual(recolored([3], 'green'));
    const d = new Chat();
    await d.say('make the top row purple');
    expect((await d.say('wait no, just the middle one of the top row')).scene).toEqual(recolored([1], 'purple'));
  });

  it('"no actually the top one" after picking one of two offered objects takes the other', async () => {
    const c = new Chat();
    expect((await c.say('make the circle green')).kind).toBe('clarify');
    await c.say('the bottom one');
    expect((await c.say('no actually the top one')).scene).toEqual(recolored([0], 'green'));
  });

  it('"hmm, no, swap ..." after a swap replaces it; "no, much bigger" builds on the picture', async () => {
    const c = new Chat();
    await c.say('swap the heart and the red circle');
    expect((await c.say('hmm, no, swap the heart and the star')).scene).toEqual(applyEdit(sixObjects(), { op: 'swap', a: 6, b: 4 }));
    const d = new Chat();
    await d.say('make the star bigger');
    expect((await d.say('no, much bigger')).scene.cells[4]!.size).toBe('large');
  });

  it('"no, I meant ..." with a whole request replaces the last edit; "instead of stripes" does not', async () => {
    const c = new Chat();
    await c.say('swap the heart and the red circle');
    const r = await c.say('no i meant swap the heart with the star');
    expect(r.scene).toEqual(applyEdit(sixObjects(), { op: 'swap', a: 6, b: 4 }));
    expect((await c.say('undo')).scene).toEqual(sixObjects());
    const d = new Chat();
    await d.say('make the square in the top middle red');
    const e = await d.say('and give it polka dots instead of stripes');
    expect(e.scene.cells[1]).toMatchObject({ color: 'red', texture: 'dotted' });
  });
});

describe('putting a moved object back', () => {
  it('"nah put the star back where it was" right after the move undoes it; a later one moves it back', async () => {
    const c = new Chat();
    await c.say('move the star to the top right');
    const r = await c.say('nah put the star back where it was');
    expect(r.kind).toBe('undo');
    expect(r.scene).toEqual(sixObjects());
    const d = new Chat();
    await d.say('move the star to the top right');
    expect((await d.say('put the heart back where it was')).kind).toBe('clarify');
    const e = new Chat();
    await e.say('move the star to the top right');
    await e.say('and move the heart to the bottom middle');
    const back = await e.say('put it back where it was');
    expect(back.scene.cells[6]?.shape, back.reply).toBe('heart');
    expect(back.scene.cells[2]?.shape).toBe('star');
  });
});

describe('a place said as a correction of a move', () => {
  it('"no, the top right" after a move is where the object should have gone, when that is free', async () => {
    const c = new Chat();
    await c.say('move the star to the bottom middle');
    const r = await c.say('no, the top right');
    expect(r.scene.cells[2]?.shape, r.reply).toBe('star');
    expect(r.scene.cells[7]).toBeNull();
    expect(r.scene.cells[4]).toBeNull();
  });
});

describe('undo that names what it undoes', () => {
  it('goes back past the latest edit of the kind or object it names', async () => {
    const c = new Chat();
    await c.say('make the star red');
    await c.say('move the heart to the top right');
    const r = await c.say('undo that and the colour change');
    expect([r.kind, r.scene]).toEqual(['undo', sixObjects()]);
    const d = new Chat();
    await d.say('make the star red');
    await d.say('move the heart to the top right');
    expect((await d.say('undo')).scene).toEqual(applyEdit(sixObjects(), { op: 'recolor', cells: [4], color: 'red' }));
  });
});

describe('bringing back what an undo took away', () => {
  it('"bring it back" right after an undo redoes; at other times it undoes', async () => {
    const c = new Chat();
    await c.say('make the star red');
    await c.say('undo');
    const r = await c.say('ok actually bring it back, red was fine');
    expect([r.kind, r.scene.cells[4]!.color]).toEqual(['redo', 'red']);
    const d = new Chat();
    await d.say('make the star red');
    expect((await d.say('no, put it back')).scene).toEqual(sixObjects());
  });
});

describe('values ruled out, and edits dropped', () => {
  it('never takes a value the words rule out', async () => {
    const c = new Chat();
    expect((await c.say('change the colour of the star')).kind).toBe('clarify');
    expect((await c.say('Red, if you please; I do not care for blue.')).scene.cells[4]!.color).toBe('red');
    const r = await new Chat().say('give the square in the top middle dots in place of those stripes');
    expect(r.scene.cells[1]!.texture).toBe('dotted');
  });

  it('"nevermind the swap, just ..." drops the last edit before the new request', async () => {
    const c = new Chat();
    await c.say('swap the star and the heart');
    const r = await c.say('actually nevermind the swap, just make the heart smaller');
    expect(r.scene).toEqual(applyEdit(sixObjects(), { op: 'resize', cells: [6], size: 'medium' }));
  });
});

describe('destinations', () => {
  it('asks where a move goes when no place is said, even with one free cell', async () => {
    const full = sixObjects();
    full.cells[2] = { shape: 'star', color: 'pink', size: 'small', texture: 'solid' };
    full.cells[5] = { shape: 'star', color: 'pink', size: 'small', texture: 'solid' };
    const c = Chat.over(full);
    const q = await c.say('move the heart');
    expect([q.kind, q.reply]).toEqual(['clarify', 'Where should it go? Free spots: the bottom middle.']);
    expect((await c.say('there, the bottom middle')).scene.cells[7]?.shape).toBe('heart');
  });

  it('takes "yellow, bottom left" as the colour and the place of a new object', async () => {
    const c = new Chat();
    expect((await c.say('add a star')).kind).toBe('clarify');
    const r = await c.say('yellow, bottom middle');
    expect(r.scene.cells[7]).toMatchObject({ shape: 'star', color: 'yellow' });
  });

  it('fills every free cell of a place ("fill the right column with red hearts")', async () => {
    const r = await new Chat().say('fill the right column with red hearts');
    expect([2, 5].map((i) => r.scene.cells[i])).toEqual([2, 5].map(() => ({ shape: 'heart', color: 'red', size: 'medium', texture: 'solid' })));
    expect(r.scene.cells[8]).toEqual(sixObjects().cells[8]);
  });

  it('takes a remark after a request as a remark ("make the heart smaller, it\'s quite overbearing")', async () => {
    const r = await new Chat().say("Make the heart a bit smaller, it's quite overbearing.");
    expect([r.kind, r.scene.cells[6]!.size]).toEqual(['edit', 'medium']);
  });

  it('narrows every place said ("the right column ... in the middle right")', async () => {
    const c = new Chat();
    const r = await c.say('the right column is a bit bare, put a pink heart in the middle right');
    expect(r.scene.cells[5]).toMatchObject({ shape: 'heart', color: 'pink' });
  });

  it('reads "the empty spot up top" as a place for a new object, not a step', async () => {
    const c = new Chat();
    const r = await c.say('throw an orange heart in the empty spot up top');
    expect(r.scene.cells[2]).toMatchObject({ shape: 'heart', color: 'orange' });
  });
});

describe('places said relative to something', () => {
  it('answers "where?" with "below it", "to its right", "to the right of the star"', async () => {
    for (const [answer, cell] of [['below it', 7], ['to its right, please.', 5], ['to the right of the star', 5], ['underneath the star', 7]] as const) {
      const c = new Chat();
      expect((await c.say('put a pink heart next to the star')).kind, answer).toBe('clarify');
      const r = await c.say(answer);
      expect(r.scene.cells[cell], answer).toMatchObject({ shape: 'heart', color: 'pink' });
    }
  });

  it('moves "over to the top right", and on to "the top right corner" after a move', async () => {
    expect((await new Chat().say('shove the heart over to the top right')).scene.cells[2]?.shape).toBe('heart');
    const c = new Chat();
    await c.say('move the star to the bottom middle');
    const r = await c.say('now the top right corner');
    expect([r.scene.cells[2]?.shape, r.scene.cells[7], r.scene.cells[4]]).toEqual(['star', null, null]);
  });
});

describe('confirming a reading Parley is unsure of', () => {
  const unsure = 'Thank you. The star in the centre looks rather feeble; enlarge it, please.';

  it('asks before a low-confidence edit, and does it on "yes"', async () => {
    const c = new Chat();
    const q = await c.say(unsure);
    expect([q.kind, q.reply]).toEqual(['confirm', 'Make the star in the middle bigger?']);
    expect(q.confidence).toBeLessThan(CONFIRM_BELOW);
    expect(c.screen).toEqual(sixObjects());
    expect((await c.say('yes please')).scene).toEqual(applyEdit(sixObjects(), { op: 'resize', cells: [4], size: 'large' }));
  });

  it('changes nothing on "no"', async () => {
    const c = new Chat();
    await c.say(unsure);
    expect((await c.say('no')).scene).toEqual(sixObjects());
  });
});

describe('teacher forcing', () => {
  it('keeps a question open when the turn was meant to ask and only the picture\'s reading is corrected', async () => {
    const m = new DialogueManager(sixObjects(), u.lexicon, SHAPES_DIALOGUE);
    const misread = cloneScene(sixObjects());
    misread.cells[6] = { ...misread.cells[6]!, texture: 'dotted' };
    expect(m.turn(await u.read('make the circle green', m.context), misread).kind).toBe('clarify');
    m.forceScene(sixObjects(), true);
    const r = m.turn(await u.read('the bottom one', m.context), sixObjects());
    expect(r.scene).toEqual(applyEdit(sixObjects(), { op: 'recolor', cells: [8], color: 'green' }));
  });

  it('puts the expected picture in place of a wrong edit, so "undo" goes back to before the turn', () => {
    const m = new DialogueManager(sixObjects(), u.lexicon, SHAPES_DIALOGUE);
    return u.read('make the star blue', m.context).then(async (reading) => {
      const wrong = m.turn(reading, sixObjects());
      expect(wrong.scene.cells[4]!.color).toBe('blue');
      const expected = applyEdit(sixObjects(), { op: 'recolor', cells: [4], color: 'red' });
      m.forceScene(expected);
      expect(m.current.scene).toEqual(expected);
      const back = m.turn(await u.read('undo', m.context), cloneScene(expected));
      expect(back.scene).toEqual(sixObjects());
    });
  });
});
