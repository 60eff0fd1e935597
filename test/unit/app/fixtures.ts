/** Shared stand-ins for the app tests: an exact "model" and recognizer, and a Node PNG codec. */
import { decodePng, encodePng } from '../../../scripts/lib/png.ts';
import { applyEdit } from '../../../src/domain/edits.ts';
import { interpret } from '../../../src/domain/interpret.ts';
import { renderSceneRgba } from '../../../src/domain/raster.ts';
import type { Scene } from '../../../src/domain/scene.ts';
import type { ImageCodec } from '../../../src/store/node-store.ts';
import type { EditRequest, EditResult, Engine } from '../../../workers/engine.ts';

/** PNG through scripts/lib/png.ts, as the canvas codec does in the browser. */
export const nodeCodec: ImageCodec = {
  encode: async (pixels, size) => new Blob([new Uint8Array(encodePng({ width: size, height: size, data: pixels }))], { type: 'image/png' }),
  decode: async (blob) => decodePng(new Uint8Array(await blob.arrayBuffer())).data,
};

/** Options: fail instructions containing a word; run a hook before each edit (to inspect storage mid-turn). */
export interface PerfectOptions {
  failOn?: string;
  beforeEdit?: (r: EditRequest) => Promise<void>;
}

/** An engine whose model applies the canonical instruction exactly and whose recognizer is exact. */
export function perfectEngine(opts: PerfectOptions = {}) {
  const scenes = new Map<string, Scene>();
  const key = (image: Uint8ClampedArray) => Buffer.from(image).toString('base64');
  const show = (scene: Scene) => {
    const image = renderSceneRgba(scene);
    scenes.set(key(image), scene);
    return image;
  };
  const instructions: string[] = [];
  const engine: Engine = {
    info: async () => ({ backend: 'wasm', adapter: '', webgpuAvailable: false, ortVersion: '', pack: 'perfect', imageSize: 64 }),
    load: async () => engine.info(),
    dispose: async () => undefined,
    recognize: async (image) => ({ scene: scenes.get(key(image))!, confidence: Array(9).fill(1) }),
    async edit(r: EditRequest, signal?: AbortSignal): Promise<EditResult> {
      await opts.beforeEdit?.(r);
      if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      instructions.push(r.text);
      if (opts.failOn && r.text.includes(opts.failOn)) throw Object.assign(new Error('the GPU went away'), { name: 'DeviceLostError' });
      const scene = scenes.get(key(r.image))!;
      const it = interpret(r.text, { scene });
      if (it.kind !== 'edit') throw new Error(`not an edit: ${r.text}`);
      const mask = new Float32Array(64 * 64).map((_, i) => (i % 64) / 63);
      const words = r.text.split(' ');
      return {
        image: show(it.edits.reduce(applyEdit, scene)), mask, attention: new Float32Array(words.length * 64).fill(0.25), words,
        steps: new Uint8Array(64).fill(2), grid: 8, state: Float32Array.from([instructions.length]), timings: { total: 1 }, backend: 'wasm',
      };
    },
  };
  return { engine, show, instructions };
}
