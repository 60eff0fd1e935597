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

  it('drops a stale cached copy and refetches it past every cache, then succeeds', async () => {
    const files = await makePack();
    const good = files['kernels.bin'];
    const log: string[] = [];
    const source: PackSource = {
      location: 'memory:',
      // Anything but a fresh read still meets the damaged copy (a cache that serves it again).
      async read(name, _onBytes, _signal, fresh) {
        if (name === 'kernels.bin') log.push(fresh ? 'fresh read' : 'read');
        return name === 'kernels.bin' && !fresh ? new Uint8Array(16) : files[name];
      },
      async forget(name) {
        log.push(`forget ${name}`);
      },
    };
    const pack = await loadPack(source);
    expect(pack.files.get('kernels.bin')).toEqual(good);
    expect(log).toEqual(['read', 'forget kernels.bin', 'fresh read']);
  });

  it.each([
    ['a file outside the pack folder', (m: Record<string, any>) => (m.files['https://evil.example/x.onnx'] = m.files['kernels.bin']), /unsafe file name "https:\/\/evil\.example\/x\.onnx"/],
    ['a path up the tree', (m: Record<string, any>) => (m.files['../x.onnx'] = m.files['kernels.bin']), /unsafe file name/],
    ['image_size 1e9', (m: Record<string, any>) => (m.image_size = 1e9), /"image_size" must be a whole number from 8 to 1024/],
    ['image_size 64.5', (m: Record<string, any>) => (m.image_size = 64.5), /"image_size" must be a whole number/],
    ['negative bytes', (m: Record<string, any>) => (m.files['kernels.bin'].bytes = -1), /files\["kernels\.bin"\]\.bytes must be a whole number from 0/],
    ['a non-numeric max_len', (m: Record<string, any>) => (m.tokenizer.max_len = 'lots'), /tokenizer\.max_len must be a whole number/],
    ['a 2 GB pack', (m: Record<string, any>) => Object.values(m.files).forEach((f: any) => (f.bytes = 400 << 20)), /add up to .* bytes \(at most/],
    ['graph inputs that are not names', (m: Record<string, any>) => (m.graphs.text_encoder.inputs = [{}]), /graphs\.text_encoder\.inputs\[0\] must be a string/],
    ['a graph file named like an Object key', (m: Record<string, any>) => (m.graphs.text_encoder.file = 'constructor'), /references "constructor" \(graphs\.text_encoder\.file\)/],
  ])('rejects a manifest with %s', async (_, spoil, message) => {
    const files = await makePack();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    spoil(manifest);
    files['manifest.json'] = enc(JSON.stringify(manifest));
    const asked: string[] = [];
    const source = memorySource(files);
    const read = source.read.bind(source);
    source.read = (name, ...rest) => (asked.push(name), read(name, ...rest));
    await expect(loadPack(source)).rejects.toThrow(message);
    expect(asked).toEqual(['manifest.json']); // nothing else was fetched
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadPack(memorySource(await makePack()), { signal: controller.signal })).rejects.toThrow(/Cancelled/);
  });
});
