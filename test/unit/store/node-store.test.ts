import { describe, expect, it } from 'vitest';
import type { NodeData } from '../../../src/conversation/conversation.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { emptyScene } from '../../../src/domains/shapes-v1/scene.ts';
import { memoryKV } from '../../../src/store/kv.ts';
import { maskToRgba, rgbaToMask, sessionNodes, type ImageCodec } from '../../../src/store/node-store.ts';
import { SessionStore } from '../../../src/store/sessions.ts';
import { nodeCodec } from '../app/fixtures.ts';

const scene = () => {
  const s = emptyScene();
  s.cells[4] = { shape: 'star', color: 'red', size: 'large', texture: 'solid' };
  return s;
};

const data = (withResult: boolean): NodeData => {
  const image = renderSceneRgba(scene());
  const mask = new Float32Array(64 * 64).map((_, i) => (i % 7) / 6);
  return {
    image, size: 64, state: withResult ? Float32Array.from([0.25, 2]) : null, recognition: { scene: scene(), confidence: Array(9).fill(0.9) },
    result: withResult
      ? { image, mask, attention: Float32Array.from([0.1, 0.9, 0, 0]), words: ['red'], steps: Uint8Array.from([1, 2, 3, 4]), grid: 2, state: Float32Array.from([0.25, 2]), timings: { total: 3 }, backend: 'webgpu' }
      : undefined,
  };
};

/** Counts decodes, to check the in-memory cache. */
function countingCodec(): ImageCodec & { decodes: number } {
  const c = { decodes: 0, encode: nodeCodec.encode, decode: (b: Blob) => (c.decodes++, nodeCodec.decode(b)) };
  return c;
}

describe('sessionNodes', () => {
  it('keeps masks to 8 bits', () => {
    const mask = Float32Array.from([0, 0.5, 1, 1.7, -0.2]);
    const back = rgbaToMask(maskToRgba(mask));
    expect(Array.from(back)).toEqual([0, Math.fround(128 / 255), 1, 1, 0]);
  });

  it('stores pictures as PNG blobs and reads them back exactly, with the model outputs for the views', async () => {
    const store = new SessionStore(memoryKV());
    await sessionNodes(store, 's1', nodeCodec).put('n1', data(true));
    const record = await store.getNode('s1', 'n1');
    expect((await store.getBlob(record!.imageKey))?.type).toBe('image/png');
    const fresh = sessionNodes(store, 's1', nodeCodec); // a new page: nothing cached
    const got = (await fresh.get('n1'))!;
    const want = data(true);
    expect(Buffer.from(got.image).equals(Buffer.from(want.image))).toBe(true);
    expect(Array.from(got.state!)).toEqual([0.25, 2]);
    expect(got.recognition).toEqual(want.recognition);
    const r = got.result!;
    expect(r.words).toEqual(['red']);
    expect(Array.from(r.steps)).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.attention)).toEqual(Array.from(want.result!.attention));
    expect(r.backend).toBe('webgpu');
    const maxErr = r.mask.reduce((m, v, i) => Math.max(m, Math.abs(v - want.result!.mask[i]!)), 0);
    expect(maxErr).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('stores the original picture without model outputs and caches decoded pictures', async () => {
    const store = new SessionStore(memoryKV());
    const codec = countingCodec();
    const nodes = sessionNodes(store, 's1', codec);
    await nodes.put('n0', data(false));
    expect((await store.getNode('s1', 'n0'))?.view).toBeNull();
    const fresh = sessionNodes(store, 's1', codec);
    const a = await fresh.get('n0');
    const b = await fresh.get('n0');
    expect(a).toBe(b);
    expect(a?.result).toBeUndefined();
    expect(codec.decodes).toBe(1);
    expect(await fresh.get('n9')).toBeUndefined();
  });

  it('keeps sessions apart', async () => {
    const store = new SessionStore(memoryKV());
    await sessionNodes(store, 's1', nodeCodec).put('n0', data(false));
    expect(await sessionNodes(store, 's2', nodeCodec).get('n0')).toBeUndefined();
  });
});
