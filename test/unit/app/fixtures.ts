/** Shared stand-ins for the app tests: an exact "model" and recognizer, and a Node PNG codec. */
import { readFileSync } from 'node:fs';
const GRID3 = { rows: 3, cols: 3 };
import { decodePng, encodePng } from '../../../scripts/lib/png.ts';
import { cellOfPixel } from '../../../src/domain/grid.ts';
import { applyEdit } from '../../../src/domains/shapes-v1/edits.ts';
import { interpret } from '../../../src/domains/shapes-v1/interpret.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { headsOfScene } from '../../../src/domains/shapes-v1/recognition.ts';
import { emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import type { ImageCodec } from '../../../src/store/node-store.ts';
import type { EditRequest, EditResult, Engine } from '../../../workers/engine.ts';
import { configureOrt } from '../../../workers/runtime/ort.ts';
import { UnderstandingModel } from '../../../workers/runtime/understanding-model.ts';

let tagger: Promise<UnderstandingModel> | null = null;
/** The committed pack's understanding tagger: the stand-in engines understand people as the real one does. */
function packTagger(): Promise<UnderstandingModel> {
  tagger ??= (() => {
    configureOrt();
    const dir = 'models/packs/shapes-v1';
    const vocab = JSON.parse(readFileSync(`${dir}/understanding-vocab.json`, 'utf8')) as string[];
    return UnderstandingModel.create(new Uint8Array(readFileSync(`${dir}/understanding.onnx`)), vocab);
  })();
  return tagger;
}

/** PNG through scripts/lib/png.ts, as the canvas codec does in the browser. */
export const nodeCodec: ImageCodec = {
  encode: async (pixels, size) => new Blob([new Uint8Array(encodePng({ width: size, height: size, data: pixels }))], { type: 'image/png' }),
  decode: async (blob) => decodePng(new Uint8Array(await blob.arrayBuffer())).data,
};

/** The RGBA bytes of one scene cell of a 64x64 picture. */
function cellPixels(image: Uint8ClampedArray, cell: number): Uint8ClampedArray {
  const out: number[] = [];
  for (let i = 0; i < 64 * 64; i++) if (cellOfPixel(i % 64, Math.floor(i / 64), 64, GRID3) === cell) out.push(...image.subarray(i * 4, i * 4 + 4));
  return Uint8ClampedArray.from(out);
}

// Mean absolute difference per byte under which a resampled cell still counts as the object (transplant.test.ts).
const NEAR = 12;

function nearestObject(image: Uint8ClampedArray, cell: number, objects: Scene['cells']): Scene['cells'][number] {
  const here = cellPixels(image, cell);
  let best: { o: Scene['cells'][number]; d: number } | null = null;
  for (const o of [null, ...objects]) {
    const s = emptyScene();
    s.cells[cell] = o;
    const drawn = cellPixels(renderSceneRgba(s), cell);
    const d = drawn.reduce((sum, v, i) => sum + Math.abs(v - here[i]!), 0) / drawn.length;
    if (!best || d < best.d) best = { o, d };
  }
  if (!best || best.d > NEAR) throw new Error(`the stand-in recognizer never drew what cell ${cell} shows`);
  return best.o;
}

/**
 * Options: fail instructions containing a word; run a hook before each edit (to inspect storage mid-turn); leave
 * the picture as it was for some instructions (a model that misses a step; `call` counts from 0); change another
 * scene as well (a model that spills outside its target).
 */
export interface PerfectOptions {
  failOn?: string;
  beforeEdit?: (r: EditRequest) => Promise<void>;
  misses?: (text: string, call: number) => boolean;
  spill?: (scene: Scene) => Scene;
  /** The picture a call draws, where it differs from what the recognizer then reads (the edited scene). */
  drawsAs?: (edited: Scene, call: number) => Scene | null;
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
  // A picture put together cell by cell (confineToCells) is read cell by cell off the pictures it came from; a
  // cell copied from elsewhere (swapCells resamples it) reads as the drawn object it is nearest to.
  const readCells = (image: Uint8ClampedArray): Scene => {
    const cells = Array.from({ length: 9 }, (_, c) => {
      const pixels = (img: Uint8ClampedArray) => key(cellPixels(img, c));
      const from = [...scenes.entries()].find(([k]) => pixels(Uint8ClampedArray.from(Buffer.from(k, 'base64'))) === pixels(image))?.[1];
      return from ? (from.cells[c] ?? null) : nearestObject(image, c, [...scenes.values()].flatMap((s) => s.cells));
    });
    return { ...emptyScene(), cells };
  };
  const read = (image: Uint8ClampedArray) => scenes.get(key(image)) ?? readCells(image);
  const drawn = (edited: Scene, call: number) => {
    const other = opts.drawsAs?.(edited, call);
    if (!other) return show(edited);
    const image = renderSceneRgba(other);
    scenes.set(key(image), edited);
    return image;
  };
  const instructions: string[] = [];
  const engine: Engine = {
    info: async () => ({ backend: 'wasm', adapter: '', webgpuAvailable: false, ortVersion: '', pack: 'perfect', imageSize: 64 }),
    load: async () => engine.info(),
    dispose: async () => undefined,
    recognize: async (image) => headsOfScene(read(image)),
    understandingVocab: async () => [...(await packTagger()).vocab],
    understand: async (input) => (await packTagger()).run(input),
    async edit(r: EditRequest, signal?: AbortSignal): Promise<EditResult> {
      await opts.beforeEdit?.(r);
      if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      instructions.push(r.text);
      if (opts.failOn && r.text.includes(opts.failOn)) throw Object.assign(new Error('the GPU went away'), { name: 'DeviceLostError' });
      const scene = read(r.image);
      const missed = opts.misses?.(r.text, instructions.length - 1) ?? false;
      const it = interpret(r.text, { scene });
      if (it.kind !== 'edit' && !missed) throw new Error(`not an edit: ${r.text}`);
      const edited = missed || it.kind !== 'edit' ? scene : it.edits.reduce(applyEdit, scene);
      const mask = new Float32Array(64 * 64).map((_, i) => (i % 64) / 63);
      const words = r.text.split(' ');
      return {
        image: drawn(opts.spill ? opts.spill(edited) : edited, instructions.length - 1), mask, attention: new Float32Array(words.length * 64).fill(0.25), words,
        steps: new Uint8Array(64).fill(2), grid: 8, state: Float32Array.from([instructions.length]), timings: { total: 1 }, backend: 'wasm',
      };
    },
  };
  return { engine, show, instructions };
}
