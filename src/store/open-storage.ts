/**
 * Opens the browser storage sessions live in. Where IndexedDB cannot be opened (some private modes, storage
 * blocked for the site), Parley still works on an in-memory store and says so once, rather than failing every
 * action with a storage error.
 */
import { idbKV, memoryKV, type KV } from './kv.ts';

export interface OpenedStorage {
  kv: KV;
  /** Why nothing will be kept, for a banner; null when storage works. */
  problem: string | null;
}

export const NO_STORAGE =
  'This browser window cannot store anything (private browsing, or storage is blocked for this site): Parley works, but your sessions end when the tab closes. Export a session to keep it.';

export async function openStorage(open: () => KV = () => idbKV()): Promise<OpenedStorage> {
  try {
    const kv = open();
    await kv.keys('probe:');
    return { kv, problem: null };
  } catch {
    return { kv: memoryKV(), problem: NO_STORAGE };
  }
}

/** Asks the browser not to evict Parley's storage under pressure (granted silently or not at all in most browsers). */
export function askPersistence(): void {
  void globalThis.navigator?.storage?.persist?.().catch(() => false);
}
