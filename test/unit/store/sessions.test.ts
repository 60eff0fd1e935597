import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { DialogueManager } from '../../../src/dialogue/index.ts';
import { SHAPES_LANGUAGE } from '../../../src/domains/shapes-v1/language.ts';
import { emptyScene } from '../../../src/domains/shapes-v1/scene.ts';
import { Lexicon } from '../../../src/understanding/lexicon.ts';
import { memoryKV } from '../../../src/store/kv.ts';
import { SessionStore, newId, type NodeRecord, type Session, type Turn } from '../../../src/store/sessions.ts';

const session = (over: Partial<Session> = {}): Session => ({
  id: newId(), title: 'first', createdAt: 1, updatedAt: 1, pack: 'shapes-v1', size: 64,
  dialogue: new DialogueManager(emptyScene(), new Lexicon(SHAPES_LANGUAGE), SHAPES_DIALOGUE).toJSON(), ...over,
});

const turn = (sessionId: string, over: Partial<Turn> = {}): Turn => ({
  id: newId(), sessionId, seq: 0, action: 'say', user: 'make the circle red', target: null, status: 'pending', reply: '',
  kind: null, nodeId: null, error: null, createdAt: Date.now(), ...over,
});

const node = (sessionId: string, nodeId: string, imageKey: string, maskKey?: string): NodeRecord => ({
  sessionId, nodeId, imageKey, size: 64, state: Float32Array.from([0.5, -1]), recognition: { scene: emptyScene(), confidence: Array(9).fill(1) },
  view: maskKey ? { maskKey, attention: new Float32Array(4), words: ['red'], steps: new Uint8Array(4), grid: 2, timings: {}, backend: 'wasm' } : null,
});

const blob = (n: number) => new Blob([new Uint8Array(n)]);

describe('SessionStore', () => {
  it('persists a session with its dialogue state and makes it current', async () => {
    const store = new SessionStore(memoryKV());
    const s = session();
    await store.createSession(s);
    expect(await store.currentSessionId()).toBe(s.id);
    expect(await store.getSession(s.id)).toEqual(s);
  });

  it('keeps a pending turn written before the model runs, then completes it with the dialogue state', async () => {
    const store = new SessionStore(memoryKV());
    const s = session();
    await store.createSession(s);
    const t = turn(s.id);
    await store.putTurn(t);
    expect((await store.turns(s.id)).map((x) => x.status)).toEqual(['pending']);
    const dialogue = { ...s.dialogue, referent: [4] };
    const saved = await store.completeTurn({ ...s, dialogue }, { ...t, status: 'done', reply: 'Made it red.', nodeId: 'n1' });
    expect(saved.updatedAt).toBeGreaterThan(s.updatedAt);
    expect((await store.getSession(s.id))?.dialogue.referent).toEqual([4]);
    expect((await store.turns(s.id))[0]).toMatchObject({ status: 'done', reply: 'Made it red.', nodeId: 'n1' });
  });

  it('orders the transcript by position, not by write order', async () => {
    const store = new SessionStore(memoryKV());
    const s = session();
    await store.createSession(s);
    await store.putTurn(turn(s.id, { seq: 1, user: 'second', createdAt: 1 }));
    await store.putTurn(turn(s.id, { seq: 0, user: 'first', createdAt: 2 }));
    expect((await store.turns(s.id)).map((t) => t.user)).toEqual(['first', 'second']);
  });

  it('stores node records with typed arrays, and deletes the blobs of a replaced record', async () => {
    const kv = memoryKV();
    const store = new SessionStore(kv);
    const s = session();
    await store.putNode(node(s.id, 'n1', 'img-a', 'mask-a'), [['img-a', blob(3)], ['mask-a', blob(2)]]);
    const got = await store.getNode(s.id, 'n1');
    expect(got?.state).toBeInstanceOf(Float32Array);
    expect(Array.from(got!.state!)).toEqual([0.5, -1]);
    await store.putNode(node(s.id, 'n1', 'img-b'), [['img-b', blob(4)]]);
    expect((await kv.keys('blob:')).sort()).toEqual(['blob:img-b']);
    expect((await store.getBlob('img-b'))?.size).toBe(4);
  });

  it('deletes a session with its transcript, nodes and blobs, and leaves other sessions alone', async () => {
    const kv = memoryKV();
    const store = new SessionStore(kv);
    const a = session();
    const b = session();
    for (const s of [b, a]) {
      await store.createSession(s);
      await store.putTurn(turn(s.id));
      await store.putNode(node(s.id, 'n0', `img-${s.id}`, `mask-${s.id}`), [[`img-${s.id}`, blob(3)], [`mask-${s.id}`, blob(3)]]);
    }
    await store.deleteSession(a.id);
    expect(await store.currentSessionId()).toBeUndefined();
    expect((await kv.keys('')).filter((k) => k.includes(a.id))).toEqual([]);
    expect((await store.listSessions()).map((s) => s.id)).toEqual([b.id]);
    expect(await store.turns(b.id)).toHaveLength(1);
    expect(await store.nodes(b.id)).toHaveLength(1);
  });

  it('reports a full disk as a clear StorageError and keeps what was stored', async () => {
    const store = new SessionStore(memoryKV(4000));
    const s = session();
    await store.createSession(s);
    const err = await store.putNode(node(s.id, 'n1', 'big'), [['big', blob(10_000)]]).catch((e: Error) => e);
    expect((err as Error).name).toBe('StorageError');
    expect((err as Error).message).toMatch(/storage is full/);
    expect(await store.getSession(s.id)).toEqual(s);
  });

  it('has default settings and keeps saved ones', async () => {
    const store = new SessionStore(memoryKV());
    expect(await store.settings()).toEqual({ pack: null, backend: 'auto', touchUp: true, exactMoves: true });
    await store.saveSettings({ pack: 'shapes-v1', backend: 'wasm' });
    expect(await store.settings()).toEqual({ pack: 'shapes-v1', backend: 'wasm', touchUp: true, exactMoves: true });
    await store.saveSettings({ touchUp: false });
    expect(await store.settings()).toEqual({ pack: 'shapes-v1', backend: 'wasm', touchUp: false, exactMoves: true });
    await store.saveSettings({ exactMoves: false });
    expect(await store.settings()).toEqual({ pack: 'shapes-v1', backend: 'wasm', touchUp: false, exactMoves: false });
  });

  it('fills settings an older version did not store with their defaults', async () => {
    const kv = memoryKV();
    await kv.set('meta:settings', { pack: 'shapes-v1', backend: 'webgpu' });
    expect(await new SessionStore(kv).settings()).toEqual({ pack: 'shapes-v1', backend: 'webgpu', touchUp: true, exactMoves: true });
  });
});
