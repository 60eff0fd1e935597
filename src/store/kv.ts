/** A tiny typed key-value interface over IndexedDB (idb-keyval), with an in-memory twin for Node tests. */
import { createStore, get, set, del, keys, setMany, type UseStore } from 'idb-keyval';
import { StorageError } from '../../workers/errors.ts';

/** Key-value storage every store module programs against. */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  setMany(entries: [string, unknown][]): Promise<void>;
  del(key: string): Promise<void>;
  keys(prefix: string): Promise<string[]>;
}

/** Turns browser storage failures into a clear, user-facing `StorageError`. */
export function storageError(e: unknown): Error {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message))) {
    return new StorageError('Browser storage is full: delete old sessions or free disk space, then try again.');
  }
  if (e instanceof Error && e.name === 'StorageError') return e;
  return new StorageError(`Browser storage failed: ${(e as Error)?.message ?? String(e)}`);
}

async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw storageError(e);
  }
}

/** IndexedDB-backed KV in database `name`. */
export function idbKV(name = 'parley'): KV {
  const store: UseStore = createStore(name, 'kv');
  return {
    get: (key) => guarded(() => get(key, store)),
    set: (key, value) => guarded(() => set(key, value, store)),
    setMany: (entries) => guarded(() => setMany(entries, store)),
    del: (key) => guarded(() => del(key, store)),
    keys: (prefix) =>
      guarded(async () => (await keys(store)).map(String).filter((k) => k.startsWith(prefix))),
  };
}

/** In-memory KV with the same semantics (values are structured-cloned), for tests and the CLI. */
export function memoryKV(quotaBytes = Infinity): KV {
  const map = new Map<string, unknown>();
  let used = 0;
  const sizeOf = (v: unknown): number => (v instanceof Blob ? v.size : JSON.stringify(v ?? null).length);
  const put = (key: string, value: unknown): void => {
    const next = used - (map.has(key) ? sizeOf(map.get(key)) : 0) + sizeOf(value);
    if (next > quotaBytes) throw storageError(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    used = next;
    map.set(key, value instanceof Blob ? value : structuredClone(value));
  };
  return {
    get: async <T>(key: string) => (map.has(key) ? (structuredClone(map.get(key)) as T) : undefined),
    set: async (key, value) => put(key, value),
    setMany: async (entries) => entries.forEach(([k, v]) => put(k, v)),
    del: async (key) => {
      if (map.has(key)) used -= sizeOf(map.get(key));
      map.delete(key);
    },
    keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)),
  };
}
