/** Fetches every file of a model pack, verifies size and sha256, and only then hands the pack out. */
import { PackError, throwIfAborted } from '../errors.ts';
import type { ProgressFn } from '../engine.ts';
import { PACK_LIMITS, parseManifest, type PackFile, type PackManifest } from './manifest.ts';

/** Where pack files come from: HTTP (+ Cache API) in the browser, the file system in Node. */
export interface PackSource {
  /** A human-readable location for error messages. */
  readonly location: string;
  /**
   * `fresh`: bypass every cache (a refetch after a copy failed verification). `limit`: stop reading past this many
   * bytes, so a file larger than the manifest says is never buffered whole.
   */
  read(name: string, onBytes?: (loaded: number) => void, signal?: AbortSignal, fresh?: boolean, limit?: number): Promise<Uint8Array>;
  /** Keeps a verified file for offline use (no-op where there is no cache). */
  keep?(name: string, bytes: Uint8Array): Promise<void>;
  /** Drops a cached file that failed verification. */
  forget?(name: string): Promise<void>;
}

/** A fully verified pack held in memory. */
export interface LoadedPack {
  manifest: PackManifest;
  files: Map<string, Uint8Array>;
  bytes: number;
}

/** Hex sha256 via WebCrypto (browser, worker and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Why `bytes` is not the file the manifest describes, or null when it is. */
async function verify(name: string, bytes: Uint8Array, expected: PackFile): Promise<string | null> {
  if (bytes.byteLength !== expected.bytes) {
    const how = bytes.byteLength < expected.bytes ? 'truncated' : 'longer than expected';
    return `Pack file "${name}" is ${how}: ${bytes.byteLength} bytes, manifest says ${expected.bytes}`;
  }
  const actual = await sha256Hex(bytes);
  if (actual === expected.sha256) return null;
  return `Pack file "${name}" failed its integrity check (sha256 ${actual.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…)`;
}

/** Loads and verifies a pack; throws `PackError` naming the first bad file. Nothing partial is returned. */
export async function loadPack(
  source: PackSource,
  options: { expectedDomain?: string; onProgress?: ProgressFn; signal?: AbortSignal } = {},
): Promise<LoadedPack> {
  const { expectedDomain, onProgress, signal } = options;
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await source.read('manifest.json', undefined, signal, false, PACK_LIMITS.manifestBytes);
  } catch (e) {
    throwIfAborted(signal);
    throw new PackError(`Could not read manifest.json from ${source.location}: ${(e as Error).message}`);
  }
  const manifest = parseManifest(new TextDecoder().decode(manifestBytes), expectedDomain);
  const entries = Object.entries(manifest.files);
  const total = entries.reduce((sum, [, f]) => sum + f.bytes, 0);
  const files = new Map<string, Uint8Array>();
  let done = 0;
  for (const [name, expected] of entries) {
    throwIfAborted(signal);
    const read = async (fresh = false) => {
      try {
        return await source.read(name, (n) => onProgress?.({ stage: `download ${name}`, loaded: done + n, total }), signal, fresh, expected.bytes);
      } catch (e) {
        throwIfAborted(signal);
        throw new PackError(`Pack file "${name}" is missing or unreadable at ${source.location}: ${(e as Error).message}`);
      }
    };
    let bytes = await read();
    let problem = await verify(name, bytes, expected);
    if (problem && source.forget) {
      // A stale or damaged cached copy: drop it and fetch once more before giving up.
      await source.forget(name);
      bytes = await read(true);
      problem = await verify(name, bytes, expected);
    }
    if (problem) throw new PackError(problem);
    files.set(name, bytes);
    done += bytes.byteLength;
    onProgress?.({ stage: 'verify', loaded: done, total });
  }
  // Cache only after every file verified, so a broken pack never lands in the offline cache.
  for (const [name, bytes] of files) await source.keep?.(name, bytes);
  await source.keep?.('manifest.json', manifestBytes);
  return { manifest, files, bytes: total };
}
