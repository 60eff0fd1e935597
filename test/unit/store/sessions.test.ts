import { describe, expect, it } from 'vitest';
import { memoryKV } from '../../../src/store/kv.ts';
import { SessionStore, newId, type Turn } from '../../../src/store/sessions.ts';

const turn = (sessionId: string, over: Partial<Turn> = {}): Turn => ({
  id: newId(),
  sessionId,
  parentId: null,
  user: 'make the circle red',
  kind: 'edit',
  status: 'pending',
  reply: '',
  imageKey: null,
  maskKey: null,
  stateKey: null,
  data: {},
  createdAt: Date.now(),
  ...over,
});

describe('SessionStore', () => {
  it('persists a session with its source image and makes it current', async () => {
    const store = new SessionStore(memoryKV());
    const s = await store.createSession(new Blob([new Uint8Array([1, 2, 3])]), 'first');
    expect(await store.currentSessionId()).toBe(s.id);
    expect((await store.getSession(s.id))?.title).toBe('first');
    const src = await store.getBlob(s.sourceKey);
    expect(new Uint8Array(await src!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('keeps a pending turn written before the model runs, then its result', async () => {
    const store = new SessionStore(memoryKV());
    const s = await store.createSession(new Blob([]), 's');
    const t = turn(s.id);
    await store.putTurn(t);
    expect((await store.turns(s.id))[0].status).toBe('pending');
    const stateKey = await store.putState(Float32Array.from([0.5, -1]));
    await store.putTurn({ ...t, status: 'done', stateKey });
    const [saved] = await store.turns(s.id);
    expect(saved.status).toBe('done');
    expect(Array.from((await store.getState(saved.stateKey!))!)).toEqual([0.5, -1]);
  });

  it('orders turns by creation and deletes a session with everything it owns', async () => {
    const kv = memoryKV();
    const store = new SessionStore(kv);
    const s = await store.createSession(new Blob([new Uint8Array(4)]), 's');
    const imageKey = await store.putBlob(new Blob([new Uint8Array(8)]));
    await store.putTurn(turn(s.id, { createdAt: 2, user: 'second', imageKey }));
    await store.putTurn(turn(s.id, { createdAt: 1, user: 'first' }));
    expect((await store.turns(s.id)).map((t) => t.user)).toEqual(['first', 'second']);
    await store.deleteSession(s.id);
    expect(await kv.keys('')).toEqual([]);
  });

  it('reports a full disk as a clear StorageError and keeps what was stored', async () => {
    const store = new SessionStore(memoryKV(600));
    const s = await store.createSession(new Blob([new Uint8Array(8)]), 's');
    const err = await store.putBlob(new Blob([new Uint8Array(1000)])).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('StorageError');
    expect((err as Error).message).toMatch(/storage is full/);
    expect(await store.getSession(s.id)).toBeDefined();
  });
});
