import { describe, expect, it } from 'vitest';
import { loadPack, sha256Hex, type PackSource } from '../../../workers/runtime/pack-loader.ts';

const enc = (s: string) => new TextEncoder().encode(s);

async function makePack(overrides: Record<string, unknown> = {}) {
  const files: Record<string, Uint8Array> = {
    'vocab.json': enc('["<pad>","<unk>"]'),
    'text_encoder.onnx': new Uint8Array([1, 2, 3, 4, 5]),
    'kernels.bin': new Uint8Array(16).fill(7),
    'kernels.json': enc('{"tensors":[]}'),
  };
  const entries: Record<string, { bytes: number; sha256: string }> = {};
  for (const [name, bytes] of Object.entries(files)) entries[name] = { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
  const manifest = {
    format: 'parley-pack-v1',
    name: 'test',
    domain: 'shapes-v1',
    image_size: 64,
    config: {},
    tokenizer: { vocab: 'vocab.json', max_len: 32 },
    files: entries,
    graphs: { text_encoder: { file: 'text_encoder.onnx', inputs: ['tokens'], outputs: ['words'] } },
    kernels: { blob: 'kernels.bin', layout: 'kernels.json' },
    ...overrides,
  };
  files['manifest.json'] = enc(JSON.stringify(manifest));
  return files;
}

function memorySource(files: Record<string, Uint8Array>, kept: string[] = []): PackSource {
  return {
    location: 'memory:',
    async read(name) {
      if (!(name in files)) throw new Error('HTTP 404');
      return files[name];
    },
    async keep(name) {
      kept.push(name);
    },
  };
}

describe('loadPack', () => {
  it('loads a good pack, reports byte progress and caches only after verifying', async () => {
    const kept: string[] = [];
    const progress: number[] = [];
    const pack = await loadPack(memorySource(await makePack(), kept), { onProgress: (p) => progress.push(p.loaded) });
    expect(pack.manifest.name).toBe('test');
    expect(pack.files.get('kernels.bin')?.byteLength).toBe(16);
    expect(progress.at(-1)).toBe(pack.bytes);
    expect(kept).toContain('manifest.json');
  });

  it.each([
    ['missing file', (f: Record<string, Uint8Array>) => delete f['kernels.bin'], /"kernels.bin" is missing/],
    ['hash mismatch', (f: Record<string, Uint8Array>) => (f['kernels.bin'] = new Uint8Array(16).fill(8)), /integrity check/],
    ['truncated download', (f: Record<string, Uint8Array>) => (f['text_encoder.onnx'] = new Uint8Array([1, 2])), /truncated/],
    ['corrupt manifest', (f: Record<string, Uint8Array>) => (f['manifest.json'] = enc('{"format":')), /not valid JSON/],
  ])('rejects a %s and caches nothing', async (_, corrupt, message) => {
    const files = await makePack();
    corrupt(files);
    const kept: string[] = [];
    await expect(loadPack(memorySource(files, kept))).rejects.toThrow(message);
    expect(kept).toEqual([]);
  });

  it('rejects an unknown manifest version and a pack for another domain', async () => {
    await expect(loadPack(memorySource(await makePack({ format: 'parley-pack-v9' })))).rejects.toThrow(/Unknown pack format/);
    await expect(
      loadPack(memorySource(await makePack({ domain: 'cosal-v1' })), { expectedDomain: 'shapes-v1' }),
    ).rejects.toThrow(/domain "cosal-v1"/);
  });

  it('refetches once when a cached copy is stale, then succeeds', async () => {
    const files = await makePack();
    const good = files['kernels.bin'];
    let stale = true;
    const source: PackSource = {
      location: 'memory:',
      async read(name) {
        if (name === 'kernels.bin' && stale) return new Uint8Array(16);
        return files[name];
      },
      async forget() {
        stale = false;
      },
    };
    const pack = await loadPack(source);
    expect(pack.files.get('kernels.bin')).toEqual(good);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadPack(memorySource(await makePack()), { signal: controller.signal })).rejects.toThrow(/Cancelled/);
  });
});
