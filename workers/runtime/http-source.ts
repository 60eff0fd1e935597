/** Pack files over HTTP with byte progress, cached in the Cache API so packs work offline. */
import type { PackSource } from './pack-loader.ts';

const CACHE = 'parley-packs-v1';

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE);
  } catch {
    return null; // Opaque origins and some private modes have no Cache API; loading still works.
  }
}

/** The body's bytes; past `limit` it stops reading (a wrong or hostile file is never buffered whole). */
async function readBody(response: Response, onBytes?: (n: number) => void, limit = Infinity): Promise<Uint8Array> {
  const tooLong = () => new Error(`the server sends more than the ${limit} bytes the manifest lists`);
  if (Number(response.headers.get('content-length') ?? 0) > limit) throw tooLong();
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    if (loaded > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLong();
    }
    onBytes?.(loaded);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A `PackSource` for a pack folder served at `baseUrl`. */
export function httpSource(baseUrl: string): PackSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = (name: string) => new URL(name, new URL(base, globalThis.location?.href)).href;
  return {
    location: base,
    async read(name, onBytes, signal, fresh, limit) {
      const cache = await openCache();
      if (fresh) {
        // After a bad copy: past the Cache API and the HTTP cache, straight to the server.
        const response = await fetch(url(name), { signal, cache: 'reload' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return readBody(response, onBytes, limit);
      }
      // The manifest goes to the network first so an updated pack is noticed; files are content-verified anyway.
      if (name !== 'manifest.json') {
        const cached = await cache?.match(url(name));
        // A cached copy longer than the manifest says is stale: drop it and go to the network.
        if (cached) return readBody(cached, onBytes, limit).catch(async () => (await cache?.delete(url(name)), fetchFile()));
      }
      return fetchFile();
      async function fetchFile(): Promise<Uint8Array> {
        let response: Response;
        try {
          response = await fetch(url(name), { signal, cache: 'no-cache' });
        } catch (e) {
          const cached = await cache?.match(url(name));
          if (cached) return readBody(cached, onBytes, limit);
          throw e;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return readBody(response, onBytes, limit);
      }
    },
    async keep(name, bytes) {
      const cache = await openCache();
      await cache?.put(url(name), new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
    },
    async forget(name) {
      const cache = await openCache();
      await cache?.delete(url(name));
    },
  };
}
