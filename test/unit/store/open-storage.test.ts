/** openStorage: a storage that cannot be opened becomes an in-memory one and a sentence for the user. */
import { describe, expect, it } from 'vitest';
import { memoryKV, type KV } from '../../../src/store/kv.ts';
import { NO_STORAGE, openStorage } from '../../../src/store/open-storage.ts';

describe('openStorage', () => {
  it('keeps a storage that works', async () => {
    const kv = memoryKV();
    expect(await openStorage(() => kv)).toEqual({ kv, problem: null });
  });

  it('falls back to memory and says why when the browser refuses storage', async () => {
    const refusing = { keys: async () => { throw new DOMException('The user denied permission to access the database.', 'InvalidStateError'); } } as unknown as KV;
    const opened = await openStorage(() => refusing);
    expect(opened.problem).toBe(NO_STORAGE);
    await opened.kv.set('a', 1);
    expect(await opened.kv.get('a')).toBe(1);
    const throwing = await openStorage(() => { throw new Error('indexedDB is not defined'); });
    expect(throwing.problem).toMatch(/private browsing/);
  });
});
