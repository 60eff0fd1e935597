/** Conversation orchestration with a perfect stand-in model: steps chain, undo/reset show stored pictures, failures roll back. */
import { describe, expect, it } from 'vitest';
import { memoryNodes, Conversation } from '../../../src/conversation/conversation.ts';
import { applyEdit } from '../../../src/domain/edits.ts';
import { interpret } from '../../../src/domain/interpret.ts';
import { renderSceneRgba } from '../../../src/domain/raster.ts';
import { emptyScene, IMAGE_SIZE, type Scene } from '../../../src/domain/scene.ts';
import type { EditRequest, EditResult, Engine } from '../../../workers/engine.ts';

/** An engine whose "model" applies the canonical instruction exactly and whose recognizer is exact. */
function perfectEngine(opts: { failOn?: string } = {}) {
  const scenes = new Map<string, Scene>();
  const key = (image: Uint8ClampedArray) => Buffer.from(image).toString('base64');
  const show = (scene: Scene) => {
    const image = renderSceneRgba(scene);
    scenes.set(key(image), scene);
    return image;
  };
  const instructions: string[] = [];
  const engine: Engine = {
    info: async () => ({ backend: 'wasm', adapter: '', webgpuAvailable: false, ortVersion: '', pack: 'perfect', imageSize: 64 }),
    load: async () => engine.info(),
    dispose: async () => undefined,
    recognize: async (image) => ({ scene: scenes.get(key(image))!, confidence: Array(9).fill(1) }),
    async edit(r: EditRequest): Promise<EditResult> {
      instructions.push(r.text);
      if (opts.failOn && r.text.includes(opts.failOn)) throw new Error('model failed');
      const scene = scenes.get(key(r.image))!;
      const it = interpret(r.text, { scene });
      if (it.kind !== 'edit') throw new Error(`not an edit: ${r.text}`);
      const next = it.edits.reduce(applyEdit, scene);
      return {
        image: show(next), mask: new Float32Array(64 * 64), attention: new Float32Array(0), words: [], steps: new Uint8Array(64),
        grid: 8, state: Float32Array.from([instructions.length]), timings: {}, backend: 'wasm',
      };
    },
  };
  return { engine, show, instructions };
}

const start = (): Scene => {
  const s = emptyScene();
  s.cells[0] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'solid' };
  s.cells[8] = { shape: 'square', color: 'green', size: 'small', texture: 'striped' };
  return s;
};

describe('Conversation', () => {
  it('runs every step of a turn on the previous output and passes the tracker state along', async () => {
    const { engine, show, instructions } = perfectEngine();
    const c = await Conversation.start(engine, memoryNodes(), show(start()), IMAGE_SIZE);
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
    const c = await Conversation.start(engine, memoryNodes(), show(start()), IMAGE_SIZE);
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
    const c = await Conversation.start(engine, memoryNodes(), show(start()), IMAGE_SIZE);
    const before = JSON.stringify(c.toJSON());
    await expect(c.say('make the circle red')).rejects.toThrow('model failed');
    expect(JSON.stringify(c.toJSON())).toBe(before);
  });

  it('asks when a reference is ambiguous and resumes with the answer; survives a save/resume in between', async () => {
    const { engine, show } = perfectEngine();
    const s = start();
    s.cells[2] = { shape: 'circle', color: 'pink', size: 'large', texture: 'dotted' };
    const nodes = memoryNodes();
    const c = await Conversation.start(engine, nodes, show(s), IMAGE_SIZE);
    const asked = await c.say('make the circle yellow');
    expect(asked.dialogue.kind).toBe('clarify');
    expect(asked.dialogue.reply).toMatch(/\?/);
    const resumed = Conversation.resume(engine, nodes, JSON.parse(JSON.stringify(c.toJSON())));
    const answered = await resumed.say('the top right one');
    expect(answered.shown.recognition.scene.cells[2]?.color).toBe('yellow');
    expect(answered.shown.recognition.scene.cells[0]?.color).toBe('blue');
  });
});
