/** The editor worker: one comlink-exposed API object around the in-process engine. */
import { expose, transfer } from 'comlink';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { EditRequest, LoadOptions, ProgressFn, TaggerInput } from './engine.ts';
import { configureOrt } from './runtime/ort.ts';
import { LocalEngine } from './runtime/local-engine.ts';
import { httpSource } from './runtime/http-source.ts';
import { createPipeline } from './runtime/pipeline.ts';
import { warmupRequest } from './runtime/warmup.ts';

configureOrt(wasmUrl);
const engine = new LocalEngine({ source: httpSource, createPipeline, warmupRequest });
const controllers = new Map<number, AbortController>();

async function withSignal<T>(id: number | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (id !== undefined) controllers.set(id, controller);
  try {
    return await run(controller.signal);
  } finally {
    if (id !== undefined) controllers.delete(id);
  }
}

const api = {
  info: () => engine.info(),
  load: (options: LoadOptions, onProgress?: ProgressFn, abortId?: number) =>
    withSignal(abortId, (signal) => engine.load(options, onProgress, signal)),
  edit: (request: EditRequest, abortId?: number) =>
    withSignal(abortId, async (signal) => {
      if (crashArmed) return crashNow();
      const r = await engine.edit(request, signal);
      // Transfer the big buffers instead of copying them back to the UI thread.
      return transfer(r, [r.image.buffer, r.mask.buffer, r.attention.buffer, r.steps.buffer] as ArrayBuffer[]);
    }),
  recognize: (image: Uint8ClampedArray, size: number) => engine.recognize(image, size),
  understandingVocab: () => engine.understandingVocab(),
  understand: (input: TaggerInput) => engine.understand(input),
  abort: (abortId: number) => controllers.get(abortId)?.abort(),
  dispose: () => engine.dispose(),
  /** Makes the next edit crash the worker mid-call, for the crash-recovery test of the built app. */
  crashForTest: () => void (crashArmed = true),
};

let crashArmed = false;

/** An uncaught error, as an out-of-memory or a broken module would raise, while the edit never answers. */
function crashNow(): Promise<never> {
  crashArmed = false;
  setTimeout(() => {
    throw new Error('crash requested by a test');
  });
  return new Promise<never>(() => undefined);
}

/** The worker's typed API, used by `src/engine-client.ts`. */
export type EditorApi = typeof api;
expose(api);
