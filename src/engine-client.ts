/** The worker proxy side of `Engine`: the UI talks to the editor worker through this. */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  EditRequest, EditResult, Engine, EngineInfo, LoadOptions, ProgressFn, Recognition, TaggerInput, TaggerOutput,
} from '../workers/engine.ts';
import type { EditorApi } from '../workers/editor.ts';

/** Runs the engine in a module worker; AbortSignals become `abort(id)` calls since signals cannot cross threads. */
export class WorkerEngine implements Engine {
  private readonly worker: Worker;
  private readonly api: Remote<EditorApi>;
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../workers/editor.ts', import.meta.url), { type: 'module', name: 'parley-editor' });
    this.api = wrap<EditorApi>(this.worker);
  }

  info(): Promise<EngineInfo> {
    return this.api.info();
  }

  load(options: LoadOptions, onProgress?: ProgressFn, signal?: AbortSignal): Promise<EngineInfo> {
    return this.withAbort(signal, (id) => this.api.load(options, onProgress ? proxy(onProgress) : undefined, id));
  }

  edit(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    return this.withAbort(signal, (id) => this.api.edit(request, id));
  }

  recognize(image: Uint8ClampedArray, size: number): Promise<Recognition> {
    return this.api.recognize(image, size);
  }

  understandingVocab(): Promise<string[] | null> {
    return this.api.understandingVocab();
  }

  understand(input: TaggerInput): Promise<TaggerOutput> {
    return this.api.understand(input);
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
    this.worker.terminate();
  }

  private async withAbort<T>(signal: AbortSignal | undefined, call: (id: number) => Promise<T>): Promise<T> {
    const id = this.nextId++;
    const onAbort = () => void this.api.abort(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // comlink rebuilds thrown errors with their `name`, so callers can branch on it (workers/errors.ts).
      return await call(id);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
