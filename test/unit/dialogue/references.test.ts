import { describe, expect, it } from 'vitest';
import { follow, remember } from '../../../src/dialogue/mentions.ts';
import { emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { applyEdit } from '../../../src/domains/shapes-v1/edits.ts';
import { sixObjects } from '../domains/shapes-v1/six-objects.ts';
import { Chat } from './chat.ts';

// 0 red circle | 1 blue striped large square | 2 -
// 3 red dotted small square | 4 green star | 5 -
// 6 yellow large heart | 7 - | 8 blue small circle

describe('plural references reach back over recent turns', () => {
  it('"them both" after one of two offered objects was picked means both', async () => {
    const c = new Chat();
    expect((await c.say('make the circle bigger')).kind).toBe('clarify');
    await c.say('the blue one');
    const r = await c.say('now make them both red');
    expect([r.scene.cells[0]!.color, r.scene.cells[8]!.color]).toEqual(['red', 'red']);
    expect(r.scene.cells[1]!.color).toBe('blue');
  });

  it('"those two circles" are the two circles of the latest turns, when there are three', async () => {
    const c = new Chat();
    await c.say('make the red circle bigger');
    await c.say('put a blue circle in the top right');
    const r = await c.say('make those two circles small');
    expect([0, 2, 8].map((i) => r.scene.cells[i]!.size)).toEqual(['small', 'small', 'small']);
    // With nothing said about circles before, the same words ask which.
    const fresh = Chat.over(r.scene as Scene);
    expect((await fresh.say('make those two circles large')).kind).toBe('clarify');
  });

  it('asks which for "one of them", whatever else reads it', async () => {
    const c = new Chat();
    await c.say('make both circles green');
    const r = await c.say('now turn one of them yellow');
    expect(r.kind).toBe('clarify');
    expect(r.candidates).toEqual([0, 8]);
  });

  it('"all three of them" means the picture\'s objects when it has exactly three', async () => {
    const s = emptyScene();
    s.cells[0] = { shape: 'circle', color: 'red', size: 'small', texture: 'solid' };
    s.cells[4] = { shape: 'star', color: 'blue', size: 'small', texture: 'solid' };
    s.cells[8] = { shape: 'heart', color: 'green', size: 'medium', texture: 'solid' };
    const r = await Chat.over(s).say('make all three of them a bit bigger');
    expect([0, 4, 8].map((i) => r.scene.cells[i]!.size)).toEqual(['medium', 'medium', 'large']);
  });

  it('takes "uh both of em" as the answer "both"', async () => {
    const c = new Chat();
    await c.say('make the circle green');
    const r = await c.say('uh both of em');
    expect([r.scene.cells[0]!.color, r.scene.cells[8]!.color]).toEqual(['green', 'green']);
  });
});

describe('"one" stands for the noun last talked about when a turn goes on from the last', () => {
  it('"and the bottom one too" after a circle is the bottom circle; a fresh "the bottom one" asks', async () => {
    const c = new Chat();
    await c.say('make the red circle striped');
    const r = await c.say('and the bottom one too');
    expect([r.scene.cells[8]!.texture, r.scene.cells[6]!.texture]).toEqual(['striped', 'solid']);
    expect((await new Chat().say('make the bottom one striped')).kind).toBe('clarify');
  });
});

describe('answers', () => {
  it('an answer to "which one?" is kept: the grammar rules do not read the question words over it', async () => {
    const c = new Chat();
    await c.say('make both circles dotted');
    expect((await c.say('now turn one of them green')).kind).toBe('clarify');
    const r = await c.say('the one in the top left');
    expect([r.scene.cells[0]!.color, r.scene.cells[8]!.color], r.reply).toEqual(['green', 'blue']);
  });

  it('"same colour as the heart" answers "what colour?" for a new object, and changes nothing else', async () => {
    const c = new Chat();
    expect((await c.say('put a star in the top right')).kind).toBe('clarify');
    const r = await c.say('same colour as the heart');
    expect(r.scene.cells[2], r.reply).toMatchObject({ shape: 'star', color: 'yellow' });
    expect(r.scene.cells.filter((_, i) => i !== 2)).toEqual(sixObjects().cells.filter((_, i) => i !== 2));
  });
});

describe('after a swap', () => {
  it('"it" is the first-named object where it now is, and "them both" the two swapped', async () => {
    const c = new Chat();
    await c.say('swap the star and the heart');
    const it = await c.say('now make that one blue');
    expect(it.scene.cells[6], it.reply).toMatchObject({ shape: 'star', color: 'blue' });
    expect(it.scene.cells[4]!.color).toBe('yellow');
    const both = await c.say('make them both dotted');
    expect([both.scene.cells[4]!.texture, both.scene.cells[6]!.texture], both.reply).toEqual(['dotted', 'dotted']);
    expect(both.scene.cells[0]!.texture).toBe('solid');
  });
});

describe('values a reference denies', () => {
  it('"the square with no stripes" is the one without them, never the striped one', async () => {
    for (const text of ['make the square with no stripes green', 'the square that has no stripes should be green']) {
      const r = await new Chat().say(text);
      expect(r.scene.cells[3]!.color, `${text}: ${r.reply}`).toBe('green');
      expect(r.scene.cells[1]!.color, text).toBe('blue');
    }
  });
});

describe('an object named before a request about "it"', () => {
  it('"Now the red square; kindly make it bigger" makes the square bigger and does not repeat the last edit on it', async () => {
    const c = new Chat();
    await c.say('make the star blue');
    const r = await c.say('Now the red square; kindly make it a trifle bigger.');
    expect(r.scene.cells[3], r.reply).toMatchObject({ color: 'red', size: 'medium' });
    const d = new Chat();
    await d.say('make the star blue');
    expect((await d.say('same for the heart, and make it smaller')).scene.cells[6]).toMatchObject({ color: 'blue', size: 'medium' });
  });
});

describe('requests put as questions or after observations, and questions put after a name', () => {
  it('edits on "Now there are two blue things. Make the blue square orange" and "Would you make it yellow, so that ...?"', async () => {
    const r = await new Chat().say('Now there are two blue things, which will not do. Make the blue square orange, please.');
    expect(r.scene.cells[1]!.color, r.reply).toBe('orange');
    const c = new Chat();
    await c.say('make the star red');
    const q = await c.say('Would you make it yellow, so that I may tell them apart?');
    expect(q.scene.cells[4]!.color, q.reply).toBe('yellow');
  });

  it('answers "And the heart at the bottom, is it small or big?" without changing anything', async () => {
    const c = new Chat();
    await c.say('make the star red');
    const r = await c.say('Thank you. And the heart at the bottom, is it small or big?');
    expect(r.kind, r.reply).not.toBe('edit');
    expect(r.kind).not.toBe('confirm');
    expect(c.screen.cells[6]).toEqual(sixObjects().cells[6]);
  });
});

describe('objects listed before "them", "this time", undo said in other words', () => {
  it('"the star, the heart, make both of them gray" greys both; "this time" names nothing', async () => {
    const r = await new Chat().say('the star, the heart, make both of them gray');
    expect([r.scene.cells[4]!.color, r.scene.cells[6]!.color], r.reply).toEqual(['gray', 'gray']);
    expect(r.scene.cells[4]!.shape).toBe('star');
    const c = new Chat();
    await c.say('make the star blue');
    const all = await c.say('ok this time just make everything striped');
    expect(all.scene.cells.filter(Boolean).every((o) => o!.texture === 'striped'), all.reply).toBe(true);
  });

  it('"take that back" and "i liked it green. undo" undo; "undo the undo" redoes', async () => {
    for (const text of ['actually take that back', 'hmm no i liked it green. undo']) {
      const c = new Chat();
      await c.say('make the star blue');
      const r = await c.say(text);
      expect(r.kind, text).toBe('undo');
      expect(r.scene, text).toEqual(sixObjects());
    }
    const c = new Chat();
    await c.say('make the star blue');
    await c.say('undo');
    expect((await c.say('undo the undo')).scene.cells[4]!.color).toBe('blue');
  });
});

describe('copies', () => {
  it('"use the same size for the heart" gives the heart the size of the object talked about', async () => {
    const c = new Chat();
    await c.say('make the star red');
    const r = await c.say('use the same size for the heart');
    expect(r.scene.cells[6]!.size, r.reply).toBe('medium');
    expect(r.scene.cells[4]).toMatchObject({ color: 'red', size: 'medium' });
    const d = new Chat();
    await d.say('make the star red');
    expect((await d.say('use the same colour on the heart')).scene.cells[6]!.color).toBe('red');
  });
});

describe('clearing', () => {
  it('"clear it" removes the object talked about; "clear it all" and "go back to how it was" start over', async () => {
    const c = new Chat();
    await c.say('make the star red');
    const r = await c.say('clear it when you get a chance');
    expect(r.scene.cells[4], r.reply).toBeNull();
    expect(r.scene.cells.filter(Boolean)).toHaveLength(5);
    for (const text of ['clear it all', 'go back to how it was at the start']) {
      const d = new Chat();
      await d.say('make the star red');
      expect((await d.say(text)).scene, text).toEqual(sixObjects());
    }
  });
});

describe('mentions', () => {
  it('follow moved, swapped and removed objects, and keep six turns', () => {
    const m = [[0, 1], [2], [3, 4]];
    expect(follow(m, [{ op: 'move', from: 0, to: 5 }, { op: 'swap', a: 2, b: 3 }, { op: 'remove', cells: [4] }])).toEqual([[5, 1], [3], [2]]);
    expect(follow([[4]], [{ op: 'remove', cells: [4] }])).toEqual([]);
    let all: number[][] = [];
    for (let i = 0; i < 9; i++) all = remember(all, [i, i]);
    expect(all).toEqual([[8], [7], [6], [5], [4], [3]]);
    expect(remember(all, [])).toEqual(all);
  });
});

describe('comparisons and questions', () => {
  it('reads the object after "like" or "same ... as" as where the look comes from, not as the target', async () => {
    const c = new Chat();
    await c.say('make the star blue');
    const r = await c.say('and dotted, like the red square');
    expect(r.scene.cells[4]).toMatchObject({ color: 'blue', texture: 'dotted' });
    expect(r.scene.cells[3]).toEqual(sixObjects().cells[3]);
    expect((await new Chat().say('make the star the same colour as the heart')).scene.cells[4]!.color).toBe('yellow');
    expect((await new Chat().say('i dont like the heart, make it blue')).scene.cells[6]!.color).toBe('blue');
  });

  it('repeats an earlier clause of the same turn ("the heart is too big, and the square too")', async () => {
    const r = await new Chat().say('the heart is too big, and the blue square too');
    expect([r.scene.cells[6]!.size, r.scene.cells[1]!.size]).toEqual(['medium', 'medium']);
  });

  it('lets an observation before a request set the scene, not edit it', async () => {
    const r = await new Chat().say('There are two circles that look much alike. Would you make the top circle pink?');
    expect([r.scene.cells[0]!.color, r.scene.cells[8]!.color]).toEqual(['pink', 'blue']);
  });

  it('lets a question name what "it" is next', async () => {
    const c = new Chat();
    expect((await c.say('wait what colour is the thing in the bottom right corner')).kind).toBe('question');
    expect((await c.say('make it red')).scene.cells[8]!.color).toBe('red');
  });
});

describe('places within lines', () => {
  const o = (shape: 'triangle' | 'star' | 'heart' | 'circle', size: 'small' | 'medium' = 'small') => ({ shape, color: 'red', size, texture: 'solid' }) as const;
  const triangles = (): Scene => {
    const s = emptyScene();
    for (const i of [1, 5, 7, 8]) s.cells[i] = { ...o('triangle') };
    s.cells[3] = { ...o('star') };
    s.cells[6] = { ...o('star') };
    return s;
  };

  it('takes extremes and ordinals within a row, and "beside it in the same row"', async () => {
    const c = Chat.over(triangles());
    const r = await c.say('I count four triangles. Would you make the rightmost triangle in the bottom row yellow?');
    expect(r.scene.cells.flatMap((x, i) => (x?.color === 'yellow' ? [i] : []))).toEqual([8]);
    const n = await c.say('And the one beside it in the same row, also yellow.');
    expect(n.scene.cells.flatMap((x, i) => (x?.color === 'yellow' ? [i] : []))).toEqual([7, 8]);
    const t = await Chat.over(triangles()).say('the second triangle from the top is too small');
    expect(t.scene.cells[5]!.size).toBe('medium');
  });

  it('reads "the middle heart" as the middle one of three in a row, and "the right hand side"', async () => {
    const s = emptyScene();
    for (const i of [6, 7, 8]) s.cells[i] = { ...o('heart') };
    s.cells[2] = { ...o('circle') };
    s.cells[3] = { ...o('circle') };
    expect((await Chat.over(s).say('make the middle heart a star')).scene.cells[7]!.shape).toBe('star');
    expect((await Chat.over(s).say('make the circle on the right-hand side blue')).scene.cells[2]!.color).toBe('blue');
  });
});

describe('words that settle what the tagger split or misread', () => {
  it('"swap the 2 circles" swaps them; "add a star" adds (asking what it needs), never changes what is there', async () => {
    expect((await new Chat().say('swap the 2 circles')).scene).toEqual(applyEdit(sixObjects(), { op: 'swap', a: 0, b: 8 }));
    const c = new Chat();
    await c.say('make the circle in the top left blue');
    const r = await c.say('add a star');
    expect(r.kind).toBe('clarify');
    expect(c.screen.cells[0]!.shape).toBe('circle');
  });

  it('"make the blue stuff striped" makes every blue object striped, not only one', async () => {
    const r = await new Chat().say('make the blue stuff striped');
    expect([r.scene.cells[1]!.texture, r.scene.cells[8]!.texture], r.reply).toEqual(['striped', 'striped']);
    expect(r.scene.cells[0]!.texture).toBe('solid');
  });
});
