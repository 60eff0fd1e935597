/** The persist-first turn protocol over the real dialogue layer, with an exact stand-in model and in-memory storage. */
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { describe, expect, it } from 'vitest';
import { SessionController, type ControllerDeps } from '../../../src/app/session-controller.ts';
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
    const stored = await t.store.getSession(t.c.session.id);
    expect(stored?.dialogue.history.current).toBe('n1');
    expect((await t.c.picture('n1')).recognition.scene.cells[4]?.color).toBe('red');
  });

  it('refuses a turn too long to read before storing it, so no Retry can meet it again', async () => {
    const t = await setup();
    const started = performance.now();
    await expect(t.c.say('x'.repeat(20_000))).rejects.toThrow(/20000 characters long; please keep one turn under 400/);
    expect(performance.now() - started).toBeLessThan(100);
    expect(await t.store.turns(t.c.session.id)).toEqual([]);
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
    expect(t.c.awaitingAnswer).toBe(true);
    const again = (await SessionController.open(t.deps, t.c.session.id))!;
    expect(again.awaitingAnswer).toBe(true);
    expect(again.turns.map((x) => x.kind)).toEqual(['clarify']);
    const answered = await again.say('the left one');
    expect(answered.turn.kind).toBe('answer');
    const scene = (await again.picture(again.current.id)).recognition.scene;
    expect(scene.cells[0]?.color).toBe('green');
    expect(scene.cells[2]?.color).toBe('blue');
  });

  it('undoes, redoes and jumps through the dialogue layer, and keeps a branch when continuing after undo', async () => {
    const t = await setup();
    await t.c.say('make the circle red');
    expect((await t.c.say('undo')).turn.kind).toBe('undo');
    expect(t.c.current.id).toBe('n0');
    expect(t.c.canRedo).toBe(true);
    await t.c.say('make the circle purple');
    expect(t.c.history.find((n) => n.id === 'n0')?.children).toEqual(['n1', 'n2']);
    const jumped = await t.c.jump('n1');
    expect(jumped.turn).toMatchObject({ action: 'jump', kind: 'jump', nodeId: 'n1', status: 'done' });
    expect(jumped.turn.user).toMatch(/^Show #1: made the circle/);
    expect((await t.c.picture(t.c.current.id)).recognition.scene.cells[4]?.color).toBe('red');
    expect(t.instructions).toHaveLength(2);
    const again = (await SessionController.open(t.deps, t.c.session.id))!;
    expect(again.current.id).toBe('n1');
    expect(again.turns.map((x) => x.user)).toEqual(t.c.turns.map((x) => x.user));
  });

  it('records a failed turn with a clear reply, rolls the dialogue back, and retries it at the end', async () => {
    const t = await setup({ failOn: 'purple' });
    const failed = await t.c.say('make the circle purple');
    expect(failed.turn.status).toBe('failed');
    expect(failed.turn.error).toBe('DeviceLostError');
    expect(failed.turn.reply).toMatch(/GPU stopped working/);
    expect((failed.error as Error).name).toBe('DeviceLostError');
    expect(t.c.current.id).toBe('n0');
    await t.c.say('make the circle red');
    const retried = await t.c.retry(failed.turn.id);
    expect(retried.turn.status).toBe('failed'); // the model still fails on it
    expect(t.c.turns.map((x) => x.user)).toEqual(['make the circle red', 'make the circle purple']);
  });

  it('shows a turn a crash left pending after reopening, and runs it on retry', async () => {
    const t = await setup();
    const id = t.c.session.id;
    // A crash mid-turn: the pending record is on disk, nothing else.
    await t.store.putTurn({ ...t.c.turns[0]!, id: 'crashed', sessionId: id, seq: 0, action: 'say', user: 'make the circle red', target: null, status: 'pending', reply: '', kind: null, nodeId: null, error: null, createdAt: 1 });
    const again = (await SessionController.open(t.deps, id))!;
    expect(again.turns.map((x) => x.status)).toEqual(['pending']);
    expect(again.running).toBeNull();
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
    expect(t.c.running).toBeNull();
    expect(t.c.current.id).toBe('n0');
  });

  it('refuses a second turn while one runs', async () => {
    let second: Promise<unknown> | undefined;
    let c: SessionController | undefined;
    const t = await setup({ beforeEdit: async () => void (second ??= c!.say('undo').catch((e: Error) => e.message)) });
    c = t.c;
    await t.c.say('make the circle red');
    expect(await second).toMatch(/wait until the current turn/);
  });

  it('runs nothing when the pending turn cannot be written (full disk)', async () => {
    const kv = memoryKV();
    const t = await setup({}, kv);
    const full: KV = { ...kv, set: async () => { throw Object.assign(new Error('Browser storage is full'), { name: 'StorageError' }); } };
    const c = (await SessionController.open({ ...t.deps, store: new SessionStore(full) }, t.c.session.id))!;
    await expect(c.say('make the circle red')).rejects.toMatchObject({ name: 'StorageError' });
    expect(t.instructions).toHaveLength(0);
    expect(c.running).toBeNull();
  });
});
