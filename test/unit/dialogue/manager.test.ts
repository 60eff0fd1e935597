import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { DialogueManager, type DialogueTurn } from '../../../src/dialogue/manager.ts';
import { applyEdit } from '../../../src/domains/shapes-v1/edits.ts';
import { cloneScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { sixObjects } from '../domains/shapes-v1/six-objects.ts';
import { Chat, chatUnderstander } from './chat.ts';

// The six-object scene (six-objects.ts).
const scene = sixObjects;
const u = chatUnderstander();

/** Asserts a turn changed nothing: no steps, same node, same scene. */
async function unchanged(c: Chat, text: string): Promise<DialogueTurn> {
  const before = { node: c.m.current.id, scene: cloneScene(c.screen), nodes: c.m.nodes.length };
  const r = await await c.say(text);
  expect(r.steps, text).toEqual([]);
  expect(r.node, text).toBe(before.node);
  expect(r.scene, text).toEqual(before.scene);
  expect(c.m.nodes.length, text).toBe(before.nodes);
  return r;
}

describe('DialogueManager: edits', () => {
  it('turns an edit into one canonical step with the expected scene and a short summary', async () => {
    const c = new Chat();
    const r = await c.say('Please make the stra red!');
    expect(r.kind).toBe('edit');
    expect(r.steps).toEqual([{ edit: { op: 'recolor', cells: [4], color: 'red' }, instruction: 'make the star in the middle red', expected: r.scene }]);
    expect(r.scene.cells[4]!.color).toBe('red');
    expect(r.reply).toBe('Made the star in the middle red.');
    expect([r.node, r.show]).toEqual(['n1', 'n1']);
  });

  it('gives one step per edit of a multi-sentence or coordinated turn, each on the previous result', async () => {
    const c = new Chat();
    const r = await c.say('Move the star to the top right, then make it blue.');
    expect(r.steps.map((s) => s.instruction)).toEqual(['move the star in the middle to the top right', 'make the star in the top right blue']);
    expect(r.steps[0]!.expected).toEqual(applyEdit(scene(), { op: 'move', from: 4, to: 2 }));
    expect(r.steps[1]!.expected).toEqual(r.scene);
    expect(r.reply).toBe('Moved the star in the middle to the top right. Made the star in the top right blue.');
    for (const [text, instructions] of [
      ['make the heart red and the star pink', ['make the heart in the bottom left red', 'make the star in the top right pink']],
      ['remove the heart and the star', ['remove the heart in the bottom left', 'remove the star in the top right']],
      ['make the heart and the star purple', ['make the heart in the bottom left purple', 'make the star in the top right purple']],
      ['make it orange and smaller', ['make the star in the top right orange', 'make the star in the top right smaller']],
      ['make the heart blue and move the star down', ['make the heart in the bottom left blue', 'move the star in the top right to the middle right']],
      ['swap the heart and the star', ['swap the heart in the bottom left and the star in the top right']],
    ] as const) {
      const t = new Chat();
      await t.say('Move the star to the top right, then make it blue.');
      if (text.startsWith('make it')) await t.say('see the star?');
      expect((await t.say(text)).steps.map((s) => s.instruction), text).toEqual(instructions);
    }
  });

  it('handles plurals, and plural pronouns across turns', async () => {
    const c = new Chat();
    expect((await c.say('make all the circles green')).steps.map((s) => s.instruction)).toEqual(['make all the circles green']);
    const r = await c.say('now make them large');
    expect(r.steps.map((s) => s.edit)).toEqual([{ op: 'resize', cells: [0, 8], size: 'large' }]);
    expect(r.reply).toBe('Made all the circles large.');
    expect((await c.say('remove both squares')).steps.map((s) => s.instruction)).toEqual(['remove all the squares']);
  });

  it('keeps pronoun referents by cell when the recognizer replaces the scene', async () => {
    const c = new Chat();
    await c.say('move the heart right');
    // The recognizer misreads the moved heart as a diamond: "it" still means the object in that cell.
    c.screen.cells[7] = { ...c.screen.cells[7]!, shape: 'diamond' };
    const r = await c.say('make it smaller');
    expect(r.steps.map((s) => s.instruction)).toEqual(['make the diamond in the bottom middle smaller']);
    expect(c.m.current.parent).toBe('n1');
    expect(c.m.nodes.find((n) => n.id === 'n1')!.scene.cells[7]!.shape).toBe('diamond');
    expect((await c.say('make it the same color as the star')).steps[0]!.edit).toEqual({ op: 'recolor', cells: [7], color: 'green' });
  });

  it('notes low recognizer confidence about the cells it edits', async () => {
    const c = new Chat();
    const r = await c.say('make the star blue', [1, 1, 1, 1, 0.2, 1, 1, 1, 1]);
    expect(r.reply).toBe("Made the star in the middle blue. (I wasn't sure what is in the middle.)");
  });
});

describe('DialogueManager: clarification', () => {
  it('asks a specific question, then resumes with the answer', async () => {
    const c = new Chat();
    const q = await unchanged(c, 'make the square bigger');
    expect(q.kind).toBe('clarify');
    expect(q.reply).toBe('Which square: the large blue striped one in the top middle or the small red dotted one in the middle left?');
    expect(q.candidates).toEqual([1, 3]);
    expect(c.m.awaitingAnswer).toBe(true);
    const a = await c.say('the left one');
    expect(a.kind).toBe('answer');
    expect(a.steps.map((s) => s.instruction)).toEqual(['make the square in the middle left bigger']);
    expect(c.m.awaitingAnswer).toBe(false);
  });

  it('understands ordinals and "both" as answers', async () => {
    const c = new Chat();
    await c.say('make the square blue');
    const tooFar = await unchanged(c, 'the third one');
    expect(tooFar.reply).toMatch(/^Sorry, there are only 2\. Which square:/);
    expect(tooFar.candidates).toEqual([1, 3]);
    expect((await c.say('the second one')).steps.map((s) => s.edit)).toEqual([{ op: 'recolor', cells: [3], color: 'blue' }]);
    await c.say('make the circle bigger');
    expect((await c.say('both')).steps.map((s) => s.instruction)).toEqual(['make all the circles bigger']);
  });

  it('asks again about a second ambiguous reference in the same turn, keeping the first answer', async () => {
    const c = new Chat();
    expect((await c.say('swap the square and the circle')).candidates).toEqual([1, 3]);
    const q2 = await c.say('the top one');
    expect(q2.kind).toBe('clarify');
    expect(q2.reply).toBe('Which circle: the medium red one in the top left or the small blue one in the bottom right?');
    expect((await c.say('the blue one')).steps.map((s) => s.edit)).toEqual([{ op: 'swap', a: 1, b: 8 }]);
  });

  it('re-asks when the answer picks none, answers questions meanwhile, and drops the question for a new request', async () => {
    const c = new Chat();
    await c.say('make the square bigger');
    expect((await unchanged(c, 'the green one')).reply).toMatch(/^Sorry, that doesn't pick out one of them\. Which square:/);
    const q = await unchanged(c, 'what color is the star?');
    expect(q.kind).toBe('question');
    expect(q.reply).toBe('The star in the middle is green. Which square: the large blue striped one in the top middle or the small red dotted one in the middle left?');
    expect(c.m.awaitingAnswer).toBe(true);
    expect((await unchanged(c, 'make the triangle red')).kind).toBe('impossible');
    expect(c.m.awaitingAnswer).toBe(false);
    await c.say('make the square bigger');
    expect((await unchanged(c, 'never mind')).kind).toBe('cancel');
    expect(c.m.awaitingAnswer).toBe(false);
    await c.say('make the square bigger');
    expect((await c.say('make the heart red')).kind).toBe('edit');
    expect(c.m.awaitingAnswer).toBe(false);
  });

  it('asks where a new shape goes, and takes a place as the answer', async () => {
    const c = new Chat();
    const q = await unchanged(c, 'add a pink star');
    expect(q.reply).toBe('Where should it go? Free spots: the top right, the middle right and the bottom middle.');
    expect((await unchanged(c, 'the middle')).reply).toMatch(/^That spot is already taken/);
    const a = await c.say('top right');
    expect(a.kind).toBe('answer');
    expect(a.steps.map((s) => s.instruction)).toEqual(['add a pink star in the top right']);
  });

  it('survives a JSON round trip in the middle of a clarification', async () => {
    const c = new Chat();
    await c.say('make the star red');
    await c.say('make the square bigger');
    const restored = DialogueManager.fromJSON(JSON.parse(JSON.stringify(c.m.toJSON())), u.lexicon, SHAPES_DIALOGUE);
    expect(restored.awaitingAnswer).toBe(true);
    expect(restored.toJSON()).toEqual(c.m.toJSON());
    const reading = await u.read('the left one', restored.context);
    const a = restored.turn(reading, c.screen);
    expect(a).toEqual(c.m.turn(reading, c.screen));
    expect(a.steps.map((s) => s.instruction)).toEqual(['make the square in the middle left bigger']);
    expect(restored.turn(await u.read('undo', restored.context), a.scene).scene.cells[4]!.color).toBe('red');
    expect(() => DialogueManager.fromJSON({ ...c.m.toJSON(), version: 2 as 1 }, u.lexicon, SHAPES_DIALOGUE)).toThrow(RangeError);
  });
});

describe('DialogueManager: history', () => {
  it('undoes, redoes, branches and jumps through a history tree', async () => {
    const c = new Chat();
    const a = await c.say('make the star red');
    const b = await c.say('make the heart blue');
    const u = await c.say('undo that');
    expect([u.kind, u.node, u.show]).toEqual(['undo', a.node, a.node]);
    expect(u.scene).toEqual(a.scene);
    expect(u.reply).toBe('Undid: made the heart in the bottom left blue.');
    const branch = await c.say('make the heart pink');
    expect(c.m.nodes.find((n) => n.id === a.node)!.children).toEqual([b.node, branch.node]);
    expect((await unchanged(c, 'redo')).reply).toBe('There is nothing to redo.');
    const j = c.m.jump(b.node);
    expect([j.kind, j.node]).toEqual(['jump', b.node]);
    expect(j.scene.cells[6]!.color).toBe('blue');
    c.screen = j.scene as Scene;
    await c.say('undo');
    expect((await c.say('redo')).node).toBe(b.node); // redo follows the most recently visited child
    expect(() => c.m.jump('n99')).toThrow(RangeError);
  });

  it('goes back several steps, and says so at the start', async () => {
    const c = new Chat();
    await c.say('make the star red');
    await c.say('make the heart blue');
    await c.say('remove the circle in the top left');
    const r = await c.say('go back two steps');
    expect(r.kind).toBe('undo');
    expect(r.reply).toBe('Went back 2 steps.');
    expect(r.scene.cells[4]!.color).toBe('red');
    expect(r.scene.cells[6]!.color).toBe('yellow');
    expect((await c.say('redo twice')).scene.cells[0]).toBeNull();
    expect((await c.say('undo everything')).scene).toEqual(scene());
    expect((await unchanged(c, 'undo')).reply).toBe('There is nothing to undo: this is the original picture.');
    await c.say('redo');
    expect((await c.say('forget that')).scene).toEqual(scene());
  });

  it('resets to the original as a new, undoable step showing the original picture', async () => {
    const c = new Chat();
    const a = await c.say('make the star red');
    const r = await c.say('start over');
    expect(r.kind).toBe('reset');
    expect(r.show).toBe('n0');
    expect(r.node).not.toBe(a.node);
    expect(r.scene).toEqual(scene());
    expect((await unchanged(c, 'reset the picture')).reply).toBe('This is already the original picture, so nothing changed.');
    expect((await c.say('undo')).node).toBe(a.node);
  });
});

describe('DialogueManager: questions, impossible requests and nonsense change nothing', () => {
  it('answers questions from the scene and lets "it" refer to what was asked about', async () => {
    const c = new Chat();
    expect((await unchanged(c, 'what color is the heart?')).reply).toBe('The heart in the bottom left is yellow.');
    expect((await unchanged(c, 'how many circles are there?')).kind).toBe('question');
    expect((await unchanged(c, 'Is there a star? What color is it?')).reply).toBe('Yes, there is a medium green star in the middle. The star in the middle is green.');
    expect((await c.say('make it blue')).steps.map((s) => s.instruction)).toEqual(['make the star in the middle blue']);
    expect((await unchanged(c, 'why is the sky blue?')).reply).toMatch(/^I can answer questions like/);
  });

  it('says why an impossible request cannot be done', async () => {
    const c = new Chat();
    expect(await unchanged(c, 'make the triangle red')).toMatchObject({ kind: 'impossible', reply: "I can't find the triangle in the picture, so nothing changed." });
    expect((await unchanged(c, 'move the heart up')).reply).toBe('The middle left is already taken, so nothing changed. Free spots: the top right, the middle right and the bottom middle.');
    expect((await unchanged(c, 'move the circle in the top left left')).reply).toBe('That would go off the grid, so nothing changed.');
    expect(await unchanged(c, 'make the star green')).toMatchObject({ kind: 'impossible', reply: 'The star in the middle is already green. Nothing changed.' });
    // The star was just talked about, so "it" is the star; in a fresh dialogue "it" means nothing yet.
    expect((await c.say('make it red')).steps.map((s) => s.instruction)).toEqual(['make the star in the middle red']);
    expect((await unchanged(new Chat(), 'make it red')).reply).toMatch(/^I'm not sure what "it" means here/);
    const full = new Chat(new DialogueManager(scene(), u.lexicon, SHAPES_DIALOGUE));
    full.screen = scene();
    for (const cell of [2, 5, 7]) full.screen.cells[cell] = { shape: 'cross', color: 'gray', size: 'small', texture: 'solid' };
    expect(await unchanged(full, 'add a red star in the top right')).toMatchObject({ kind: 'impossible', reply: 'The grid is full, so nothing changed.' });
    expect(await unchanged(full, 'add a red star')).toMatchObject({ kind: 'impossible' });
  });

  it('replies helpfully to empty or nonsense text, and to remarks that ask for nothing', async () => {
    const c = new Chat();
    for (const text of ['', '   ', 'asdf qwer zxcv']) {
      const r = await unchanged(c, text);
      expect(r.kind, text).toBe('unknown');
      expect(r.reply, text).toMatch(/"make the circle in the top left orange"/);
    }
    for (const text of ['hello', 'the weather is nice']) {
      const r = await unchanged(c, text);
      expect(r.kind, text).toBe('other');
      expect(r.reply, text).toMatch(/"make the circle in the top left orange"/);
    }
    expect((await unchanged(c, 'thanks!')).reply).toMatch(/welcome/);
  });
});
