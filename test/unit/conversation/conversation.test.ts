/**
 * Conversation orchestration with a perfect stand-in model: steps chain, undo/reset show stored pictures, failures
 * roll back, missed steps are touched up, steps stay inside their cells.
 */
import { describe, expect, it } from 'vitest';
import { memoryNodes, Conversation } from '../../../src/conversation/conversation.ts';
import { emptyScene, IMAGE_SIZE, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { perfectEngine } from '../app/fixtures.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';

const start = (): Scene => {
  const s = emptyScene();
  s.cells[0] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'solid' };
  s.cells[8] = { shape: 'square', color: 'green', size: 'small', texture: 'striped' };
  return s;
};

describe('Conversation', () => {
  it('runs every step of a turn on the previous output and passes the tracker state along', async () => {
    const { engine, show, instructions } = perfectEngine();
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const t = await c.say('make the circle red and the square blue');
    expect(t.dialogue.kind).toBe('edit');
    expect(t.results).toHaveLength(2);
    expect(instructions).toHaveLength(2);
    expect(t.shown.recognition.scene.cells[0]?.color).toBe('red');
    expect(t.shown.recognition.scene.cells[8]?.color).toBe('blue');
    expect(Array.from(t.shown.state!)).toEqual([2]);
  });

  it('shows stored pictures for undo and reset without running the model', async () => {
    const { engine, show, instructions } = perfectEngine();
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const first = await c.say('make the circle red');
    await c.say('make it bigger');
    const undone = await c.say('undo that');
    expect(undone.dialogue.kind).toBe('undo');
    expect(Array.from(undone.shown.image)).toEqual(Array.from(first.shown.image));
    const reset = await c.say('start over');
    expect(reset.dialogue.kind).toBe('reset');
    expect(reset.shown.recognition.scene).toEqual(start());
    expect(instructions).toHaveLength(2);
    const after = await c.say('make the square yellow');
    expect(after.shown.recognition.scene.cells[0]?.color).toBe('blue');
  });

  it('rolls the dialogue back when the model fails, so the turn can be retried', async () => {
    const { engine, show } = perfectEngine({ failOn: 'red' });
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const before = JSON.stringify(c.toJSON());
    await expect(c.say('make the circle red')).rejects.toThrow('the GPU went away');
    expect(JSON.stringify(c.toJSON())).toBe(before);
  });

  it('rolls a turn or a jump back when its commit fails', async () => {
    const { engine, show } = perfectEngine();
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const commit = async () => {
      throw Object.assign(new Error('Browser storage is full'), { name: 'StorageError' });
    };
    const before = JSON.stringify(c.toJSON());
    await expect(c.say('make the circle red', { commit })).rejects.toThrow('storage is full');
    expect(JSON.stringify(c.toJSON())).toBe(before);
    await c.say('make the circle red');
    const after = JSON.stringify(c.toJSON());
    await expect(c.jump('n0', { commit })).rejects.toThrow('storage is full');
    expect(JSON.stringify(c.toJSON())).toBe(after);
  });

  it('asks when a reference is ambiguous and resumes with the answer; survives a save/resume in between', async () => {
    const { engine, show } = perfectEngine();
    const s = start();
    s.cells[2] = { shape: 'circle', color: 'pink', size: 'large', texture: 'dotted' };
    const nodes = memoryNodes();
    const c = await Conversation.start(SHAPES_V1, engine, nodes, show(s), IMAGE_SIZE);
    const asked = await c.say('make the circle yellow');
    expect(asked.dialogue.kind).toBe('clarify');
    expect(asked.dialogue.reply).toMatch(/\?/);
    const resumed = Conversation.resume(SHAPES_V1, engine, nodes, JSON.parse(JSON.stringify(c.toJSON())));
    const answered = await resumed.say('the top right one');
    expect(answered.shown.recognition.scene.cells[2]?.color).toBe('yellow');
    expect(answered.shown.recognition.scene.cells[0]?.color).toBe('blue');
  });

  it('says so when the recognizer reads something other than what the turn asked for', async () => {
    const { engine, show } = perfectEngine();
    const ok = await (await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE)).say('make the circle red');
    expect(ok.dialogue.reply).not.toMatch(/may not have come out/);
    // A model that leaves the picture as it was: the reply must not claim the edit happened.
    const lazy = perfectEngine({ misses: () => true });
    const c = await Conversation.start(SHAPES_V1, lazy.engine, memoryNodes(), lazy.show(start()), IMAGE_SIZE);
    const t = await c.say('make the circle red');
    expect(t.dialogue.kind).toBe('edit');
    expect(t.dialogue.reply).toMatch(/It may not have come out right: the top left shows a medium blue circle\. Say "undo"/);
    expect(t.repaired).toEqual([]);
    // Three touch-up rounds were tried: recolor, then redraw (remove + add), then recolor in other words.
    expect(lazy.instructions).toEqual([
      'make the circle in the top left red', 'make the circle in the top left red',
      'remove the circle in the top left', 'add a red circle in the top left', 'paint the circle in the top left red',
    ]);
    // The next turn works from what is really on screen.
    const q = await c.say('what color is the circle?');
    expect(q.dialogue.reply).toMatch(/blue/);
  });

  it('touches up a step the model missed and says so; repairRounds 0 shows the miss instead', async () => {
    const missFirst = () => perfectEngine({ misses: (_, call) => call === 0 });
    const { engine, show, instructions } = missFirst();
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const t = await c.say('make the circle red and the square blue');
    expect(instructions).toEqual(['make the circle in the top left red', 'make the square in the bottom right blue', 'make the circle in the top left red']);
    expect(t.shown.recognition.scene.cells[0]?.color).toBe('red');
    expect(t.repaired).toEqual([0]);
    expect(t.results).toHaveLength(3);
    expect(t.dialogue.reply).toMatch(/\(A second pass fixed the top left\.\)$/);
    const off = missFirst();
    const raw = await (await Conversation.start(SHAPES_V1, off.engine, memoryNodes(), off.show(start()), IMAGE_SIZE, { repairRounds: 0 })).say('make the circle red');
    expect(raw.shown.recognition.scene.cells[0]?.color).toBe('blue');
    expect(raw.dialogue.reply).toMatch(/may not have come out right/);
  });

  it('touches up ink the recognizer reads right but the pixels show washed out', async () => {
    const pale = (call: number) => perfectEngine({
      drawsAs: (edited, n) => (n === call ? { ...edited, cells: edited.cells.map((o, c) => (c === 0 && o ? { ...o, color: 'pink' as const } : o)) } : null),
    });
    const { engine, show, instructions } = pale(0);
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const t = await c.say('make the circle red');
    expect(t.shown.recognition.scene.cells[0]?.color).toBe('red');
    expect(instructions).toEqual(['make the circle in the top left red', 'make the circle in the top left red']);
    expect(t.repaired).toEqual([0]);
    // Without the pixel check the pink circle would stand: the recognizer alone reads it as red.
    const off = pale(0);
    const raw = await (await Conversation.start(SHAPES_V1, off.engine, memoryNodes(), off.show(start()), IMAGE_SIZE, { repairRounds: 0 })).say('make the circle red');
    expect(raw.shown.recognition.scene.cells[0]?.color).toBe('red');
    expect(off.instructions).toHaveLength(1);
  });

  it('keeps each step inside the cells its edit names', async () => {
    // A model that also turns the square at the bottom right purple whenever it edits anything.
    const spill = (s: Scene): Scene => ({ ...s, cells: s.cells.map((o, c) => (c === 8 && o ? { ...o, color: 'purple' } : o)) });
    const confined = perfectEngine({ spill });
    const t = await (await Conversation.start(SHAPES_V1, confined.engine, memoryNodes(), confined.show(start()), IMAGE_SIZE)).say('make the circle red');
    expect(t.shown.recognition.scene.cells[0]?.color).toBe('red');
    expect(t.shown.recognition.scene.cells[8]?.color).toBe('green');
    expect(t.dialogue.reply).not.toMatch(/may not have come out/);
    const loose = perfectEngine({ spill });
    const opts = { confine: false, repairRounds: 0 };
    const u = await (await Conversation.start(SHAPES_V1, loose.engine, memoryNodes(), loose.show(start()), IMAGE_SIZE, opts)).say('make the circle red');
    expect(u.shown.recognition.scene.cells[8]?.color).toBe('purple');
  });

  it('swaps and moves by copying pixels without running the model; transplant off leaves them to the model', async () => {
    const { engine, show, instructions } = perfectEngine();
    const c = await Conversation.start(SHAPES_V1, engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const swapped = await c.say('swap the circle and the square');
    expect(instructions).toEqual([]);
    expect(swapped.results).toEqual([]);
    expect(swapped.shown.result).toBeUndefined(); // no overlays claim the model made this picture
    expect(swapped.shown.recognition.scene.cells[8]).toEqual(start().cells[0]);
    expect(swapped.shown.recognition.scene.cells[0]).toEqual(start().cells[8]);
    expect(swapped.dialogue.reply).not.toMatch(/may not have come out/);
    const moved = await c.say('move the circle to the middle and make the square red');
    expect(instructions).toEqual(['make the square in the top left red']);
    expect(moved.shown.recognition.scene.cells[4]).toEqual(start().cells[0]);
    expect(moved.shown.recognition.scene.cells[8]).toBeNull();
    expect(moved.shown.recognition.scene.cells[0]?.color).toBe('red');
    const byModel = perfectEngine();
    const m = await Conversation.start(SHAPES_V1, byModel.engine, memoryNodes(), byModel.show(start()), IMAGE_SIZE, { transplant: false });
    await m.say('swap the circle and the square');
    expect(byModel.instructions).toHaveLength(1);
    await m.say('swap the circle and the square', { transplant: true }); // a turn's own setting wins over the start's
    expect(byModel.instructions).toHaveLength(1);
  });
});
