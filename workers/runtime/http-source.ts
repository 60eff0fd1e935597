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

async function readBody(response: Response, onBytes?: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
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
    async read(name, onBytes, signal) {
      const cache = await openCache();
      // The manifest goes to the network first so an updated pack is noticed; files are content-verified anyway.
      if (name !== 'manifest.json') {
        const cached = await cache?.match(url(name));
        if (cached) return readBody(cached, onBytes);
      }
      let response: Response;
      try {
        response = await fetch(url(name), { signal, cache: 'no-cache' });
      } catch (e) {
        const cached = await cache?.match(url(name));
        if (cached) return readBody(cached, onBytes);
        throw e;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return readBody(response, onBytes);
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
