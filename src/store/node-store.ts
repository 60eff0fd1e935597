/** The Conversation's `NodeStore` over a SessionStore: pictures and masks as PNG blobs, the rest as records. */
import type { NodeData, NodeStore } from '../conversation/conversation.ts';
import type { EditResult } from '../../workers/engine.ts';
import { newId, type NodeRecord, type SessionStore } from './sessions.ts';

/** PNG encoding and decoding of square RGBA pictures (canvas-based in the app, a stand-in in Node tests). */
export interface ImageCodec {
  encode(pixels: Uint8ClampedArray, size: number): Promise<Blob>;
  decode(blob: Blob): Promise<Uint8ClampedArray>;
}

/** A NodeStore for one session, with its decoded pictures cached in memory. */
export interface SessionNodes extends NodeStore {
  /** The stored record (blob keys) of a node with its own picture. */
  record(nodeId: string): Promise<NodeRecord | undefined>;
}

/** Mask values in [0,1] as opaque gray RGBA (8 bits are plenty for a display overlay). */
export function maskToRgba(mask: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(mask.length * 4);
  for (let i = 0; i < mask.length; i++) {
    const v = Math.round(Math.min(1, Math.max(0, mask[i]!)) * 255);
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The inverse of maskToRgba (reads the red channel). */
export function rgbaToMask(rgba: Uint8ClampedArray): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4]! / 255;
  return out;
}

/** Node pictures of session `sessionId`, stored through `store`. */
export function sessionNodes(store: SessionStore, sessionId: string, codec: ImageCodec): SessionNodes {
  const cache = new Map<string, NodeData>();

  async function load(record: NodeRecord): Promise<NodeData> {
    const blob = await store.getBlob(record.imageKey);
    if (!blob) throw new Error(`The picture of history node ${record.nodeId} is missing from storage.`);
    const image = await codec.decode(blob);
    const data: NodeData = { image, size: record.size, state: record.state, recognition: record.recognition };
    const v = record.view;
    const maskBlob = v && (await store.getBlob(v.maskKey));
    if (v && maskBlob) {
      data.result = {
        image, mask: rgbaToMask(await codec.decode(maskBlob)), attention: v.attention, words: v.words, steps: v.steps,
        grid: v.grid, state: record.state ?? new Float32Array(0), timings: v.timings, backend: v.backend,
      };
    }
    return data;
  }

  return {
    record: (nodeId) => store.getNode(sessionId, nodeId),
    async get(nodeId) {
      const hit = cache.get(nodeId);
      if (hit) return hit;
      const record = await store.getNode(sessionId, nodeId);
      if (!record) return undefined;
      const data = await load(record);
      cache.set(nodeId, data);
      return data;
    },
    async put(nodeId, data) {
      const imageKey = newId();
      const blobs: [string, Blob][] = [[imageKey, await codec.encode(data.image, data.size)]];
      const r: EditResult | undefined = data.result;
      let view: NodeRecord['view'] = null;
      if (r) {
        const maskKey = newId();
        blobs.push([maskKey, await codec.encode(maskToRgba(r.mask), data.size)]);
        view = { maskKey, attention: r.attention, words: r.words, steps: r.steps, grid: r.grid, timings: r.timings, backend: r.backend };
      }
      await store.putNode({ sessionId, nodeId, imageKey, size: data.size, state: data.state, recognition: data.recognition, view }, blobs);
      cache.set(nodeId, data);
    },
  };
}
