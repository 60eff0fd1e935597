/** The persist-first turn protocol over the real dialogue layer, with an exact stand-in model and in-memory storage. */
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { describe, expect, it } from 'vitest';
import { SessionController, type ControllerDeps, type SessionView } from '../../../src/app/session-controller.ts';
import { EXAMPLES } from '../../../src/domains/shapes-v1/examples.ts';
import { memoryKV, type KV } from '../../../src/store/kv.ts';
import { SessionStore } from '../../../src/store/sessions.ts';
import { nodeCodec, perfectEngine, type PerfectOptions } from './fixtures.ts';

const twoSquares = EXAMPLES.find((e) => e.id === 'two-squares')!.scene;

async function setup(opts: PerfectOptions = {}, kv: KV = memoryKV()) {
  const model = perfectEngine(opts);
  const store = new SessionStore(kv);
  const deps: ControllerDeps = { domain: SHAPES_V1, engine: model.engine, store, codec: nodeCodec };
  const c = await SessionController.start(deps, model.show(twoSquares), 64, 'Two squares', 'perfect');
  return { ...model, store, deps, c, kv };
}

describe('SessionController', () => {
  it('writes the turn as pending before the model runs, then stores the result', async () => {
    const seen: string[] = [];
    let store: SessionStore | undefined;
    const t = await setup({ beforeEdit: async () => void seen.push(...(await store!.turns((await store!.currentSessionId())!)).map((x) => `${x.user}:${x.status}`)) });
    store = t.store;
    const { turn } = await t.c.say('make the circle red');
    expect(seen).toEqual(['make the circle red:pending']);
    expect(turn).toMatchObject({ status: 'done', kind: 'edit', nodeId: 'n1' });
    expect(turn.reply).toMatch(/red/i);
    const stored = await t.store.getSession(t.c.view.session.id);
    expect(stored?.dialogue.history.current).toBe('n1');
    expect((await t.c.picture('n1')).recognition.scene.cells[4]?.color).toBe('red');
  });

  it('refuses a turn too long to read before storing it, so no Retry can meet it again', async () => {
    const t = await setup();
    const started = performance.now();
    await expect(t.c.say('x'.repeat(20_000))).rejects.toThrow(/20000 characters long; please keep one turn under 400/);
    expect(performance.now() - started).toBeLessThan(100);
    expect(await t.store.turns(t.c.view.session.id)).toEqual([]);
    expect((await t.c.say(`make the circle red ${'very '.repeat(60)}`)).turn.status).toBe('done'); // 320 characters: read
  });

  it('reads the touch-up setting at every turn', async () => {
    let touchUp = false;
    const t = await setup({ misses: (_, call) => call <= 1 }); // the model misses its first two steps
    t.deps.options = () => ({ repairRounds: touchUp ? undefined : 0 });
    const off = await t.c.say('make the circle red');
    expect(off.turn.reply).toMatch(/may not have come out right/);
    expect(t.instructions).toHaveLength(1);
    touchUp = true;
    const on = await t.c.say('make the circle red');
    expect(on.turn.reply).toMatch(/\(A second pass fixed the middle\.\)$/);
    expect(t.instructions).toHaveLength(3);
  });

  it('asks which square, keeps the open question across a reopen, and applies the answer', async () => {
    const t = await setup();
    const asked = await t.c.say('make the square green');
    expect(asked.turn.kind).toBe('clarify');
    expect(t.c.view.awaiting).toBe(true);
    const again = (await SessionController.open(t.deps, t.c.view.session.id))!;
    expect(again.view.awaiting).toBe(true);
    expect(again.view.turns.map((x) => x.kind)).toEqual(['clarify']);
    const answered = await again.say('the left one');
    expect(answered.turn.kind).toBe('answer');
    const scene = (await again.picture(again.view.current.id)).recognition.scene;
    expect(scene.cells[0]?.color).toBe('green');
    expect(scene.cells[2]?.color).toBe('blue');
  });

  it('undoes, redoes and jumps through the dialogue layer, and keeps a branch when continuing after undo', async () => {
    const t = await setup();
    await t.c.say('make the circle red');
    expect((await t.c.say('undo')).turn.kind).toBe('undo');
    expect(t.c.view.current.id).toBe('n0');
    expect(t.c.view.canRedo).toBe(true);
    await t.c.say('make the circle purple');
    expect(t.c.view.history.find((n) => n.id === 'n0')?.children).toEqual(['n1', 'n2']);
    const jumped = await t.c.jump('n1');
    expect(jumped.turn).toMatchObject({ action: 'jump', kind: 'jump', nodeId: 'n1', status: 'done' });
    expect(jumped.turn.user).toMatch(/^Show #1: made the circle/);
    expect((await t.c.picture(t.c.view.current.id)).recognition.scene.cells[4]?.color).toBe('red');
    expect(t.instructions).toHaveLength(2);
    const again = (await SessionController.open(t.deps, t.c.view.session.id))!;
    expect(again.view.current.id).toBe('n1');
    expect(again.view.turns.map((x) => x.user)).toEqual(t.c.view.turns.map((x) => x.user));
  });

  it('records a failed turn with a clear reply, rolls the dialogue back, and retries it at the end', async () => {
    const t = await setup({ failOn: 'purple' });
    const failed = await t.c.say('make the circle purple');
    expect(failed.turn.status).toBe('failed');
    expect(failed.turn.error).toBe('DeviceLostError');
    expect(failed.turn.reply).toMatch(/GPU stopped working/);
    expect((failed.error as Error).name).toBe('DeviceLostError');
    expect(t.c.view.current.id).toBe('n0');
    await t.c.say('make the circle red');
    const retried = await t.c.retry(failed.turn.id);
    expect(retried.turn.status).toBe('failed'); // the model still fails on it
    expect(t.c.view.turns.map((x) => x.user)).toEqual(['make the circle red', 'make the circle purple']);
  });

  it('shows a turn a crash left pending after reopening, and runs it on retry', async () => {
    const t = await setup();
    const id = t.c.view.session.id;
    // A crash mid-turn: the pending record is on disk, nothing else.
    await t.store.putTurn({ ...t.c.view.turns[0]!, id: 'crashed', sessionId: id, seq: 0, action: 'say', user: 'make the circle red', target: null, status: 'pending', reply: '', kind: null, nodeId: null, error: null, createdAt: 1 });
    const again = (await SessionController.open(t.deps, id))!;
    expect(again.view.turns.map((x) => x.status)).toEqual(['pending']);
    expect(again.view.running).toBeNull();
    const { turn } = await again.retry('crashed');
    expect(turn).toMatchObject({ id: 'crashed', status: 'done', kind: 'edit' });
    expect((await t.store.turns(id)).map((x) => x.status)).toEqual(['done']);
  });

  it('cancels a running turn', async () => {
    let c: SessionController | undefined;
    const t = await setup({ beforeEdit: async () => c!.cancel() });
    c = t.c;
    const { turn } = await t.c.say('make the circle red');
    expect(turn).toMatchObject({ status: 'failed', reply: 'Cancelled.', error: 'AbortError' });
    expect(t.c.view.running).toBeNull();
    expect(t.c.view.current.id).toBe('n0');
  });

  it('refuses a second turn while one runs', async () => {
    let second: Promise<unknown> | undefined;
    let c: SessionController | undefined;
    const t = await setup({ beforeEdit: async () => void (second ??= c!.say('undo').catch((e: Error) => e.message)) });
    c = t.c;
    await t.c.say('make the circle red');
    expect(await second).toMatch(/wait until the current turn/);
  });

  it('publishes a new view at every change and never changes one it published', async () => {
    const t = await setup();
    const views: SessionView[] = [];
    t.deps.onChange = (v) => void views.push(v);
    const first = t.c.view;
    expect(first.picture).toBeNull();
    const shown = await t.c.showCurrent();
    expect(shown.picture).toMatchObject({ node: 'n0', before: null });
    await t.c.say('make the circle red');
    expect(views.map((v) => [v.running !== null, v.turns.at(-1)?.status ?? null, v.current.id])).toEqual([
      [false, null, 'n0'], [true, 'pending', 'n0'], [true, 'done', 'n1'], [false, 'done', 'n1'],
    ]);
    expect(t.c.view.picture?.node).toBe('n0'); // the picture on screen until the new one is loaded
    const after = await t.c.showCurrent();
    expect(after.picture?.node).toBe('n1');
    expect(after.picture?.shown.recognition.scene.cells[4]?.color).toBe('red');
    expect(after.picture?.before).toBe(shown.picture?.shown);
    expect([first.current.id, first.history.length, first.turns.length, first.current.children]).toEqual(['n0', 1, 0, []]);
  });

  it('fails the turn and leaves the dialogue as it was when the finished turn cannot be written', async () => {
    const kv = memoryKV();
    const t = await setup({}, kv);
    const full: KV = {
      ...kv, setMany: async (entries) => {
        if (entries.some(([k]) => k.startsWith('session:'))) throw Object.assign(new Error('Browser storage is full'), { name: 'StorageError' });
        return kv.setMany(entries);
      },
    };
    const c = (await SessionController.open({ ...t.deps, store: new SessionStore(full) }, t.c.view.session.id))!;
    const { turn } = await c.say('make the circle red');
    expect(turn).toMatchObject({ status: 'failed', error: 'StorageError' });
    expect(c.view.current.id).toBe('n0');
    expect(c.view.history).toHaveLength(1);
    expect((await t.store.turns(c.view.session.id)).map((x) => x.status)).toEqual(['failed']);
    expect((await t.store.getSession(c.view.session.id))?.dialogue.history.current).toBe('n0');
  });

  it('runs nothing when the pending turn cannot be written (full disk)', async () => {
    const kv = memoryKV();
    const t = await setup({}, kv);
    const full: KV = { ...kv, set: async () => { throw Object.assign(new Error('Browser storage is full'), { name: 'StorageError' }); } };
    const c = (await SessionController.open({ ...t.deps, store: new SessionStore(full) }, t.c.view.session.id))!;
    await expect(c.say('make the circle red')).rejects.toMatchObject({ name: 'StorageError' });
    expect(t.instructions).toHaveLength(0);
    expect(c.view.running).toBeNull();
  });
});
