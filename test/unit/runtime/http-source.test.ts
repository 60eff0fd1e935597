/** httpSource (Node's fetch, stubbed; no Cache API): the download bound and the refetch past every cache. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpSource } from '../../../workers/runtime/http-source.ts';

/** A body streamed in 8-byte chunks without a Content-Length, as a chunked server sends it. */
function streamed(bytes: number): Response {
  let sent = 0;
  return new Response(new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      c.enqueue(new Uint8Array(Math.min(8, bytes - sent)));
      sent += 8;
    },
  }));
}

afterEach(() => vi.unstubAllGlobals());

describe('httpSource', () => {
  it('stops reading a file that runs past the size the manifest lists', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => (calls.push(init), streamed(100)));
    const source = httpSource('http://example.test/packs/p/');
    const seen: number[] = [];
    await expect(source.read('decoder.onnx', (n) => seen.push(n), undefined, false, 10)).rejects.toThrow(/more than the 10 bytes the manifest lists/);
    expect(Math.max(...seen)).toBeLessThanOrEqual(10);
    expect((await source.read('decoder.onnx', undefined, undefined, false, 100)).byteLength).toBe(100);
    expect(calls.map((c) => c.cache)).toEqual(['no-cache', 'no-cache']);
  });

  it('refuses a Content-Length above the bound before reading, and refetches fresh past the HTTP cache', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => (calls.push(init), new Response(new Uint8Array(64), { headers: { 'content-length': '64' } })));
    const source = httpSource('http://example.test/packs/p/');
    await expect(source.read('manifest.json', undefined, undefined, false, 32)).rejects.toThrow(/more than the 32 bytes/);
    expect((await source.read('kernels.bin', undefined, undefined, true, 64)).byteLength).toBe(64);
    expect(calls.map((c) => c.cache)).toEqual(['no-cache', 'reload']);
  });
});
