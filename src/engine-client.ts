/**
 * The worker proxy side of `Engine`: the UI talks to the editor worker through this. A worker that crashes, or
 * stops answering past a deadline, is terminated and replaced by a fresh one (which reloads the last pack), and the
 * call runs once more there; a second failure ends as a WorkerError the UI can offer Retry on. A cancelled call
 * whose worker does not stop within a grace period has its worker terminated too, as Squoosh's worker bridge does.
 */
import type { HeadReadings } from './domain/domain.ts';
import { proxy, wrap, type Remote } from 'comlink';
import type {
  EditRequest, EditResult, Engine, EngineInfo, LoadOptions, ProgressFn, TaggerInput, TaggerOutput,
} from '../workers/engine.ts';
import type { EditorApi } from '../workers/editor.ts';
import { AbortError, WorkerError } from '../workers/errors.ts';

/** What the proxy needs of a worker (a real Worker, or a stand-in in tests). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/** Longest wait for one call before its worker counts as hung, in ms (loads report progress instead). */
export interface Deadlines {
  edit: number;
  call: number;
  /** After a cancel, how long the worker may take to stop before it is terminated. */
  abortGrace: number;
}

export const DEADLINES: Deadlines = { edit: 120_000, call: 60_000, abortGrace: 3_000 };

/** Why a worker was given up on; only these are retried on a fresh worker. */
class WorkerGone extends Error {}

interface Live {
  worker: WorkerLike;
  api: Remote<EditorApi>;
  /** Rejects when the worker reports an uncaught error. */
  crashed: Promise<never>;
  ready: Promise<void>;
}

const spawnEditor = (): WorkerLike => new Worker(new URL('../workers/editor.ts', import.meta.url), { type: 'module', name: 'parley-editor' });

/** Runs the engine in a module worker; AbortSignals become `abort(id)` calls since signals cannot cross threads. */
export class WorkerEngine implements Engine {
  private live: Live | null = null;
  private lastLoad: LoadOptions | null = null;
  private nextId = 1;

  constructor(
    private readonly spawn: () => WorkerLike = spawnEditor,
    private readonly deadlines: Deadlines = DEADLINES,
  ) {}

  info(): Promise<EngineInfo> {
    return this.call('call', (api) => api.info());
  }

  async load(options: LoadOptions, onProgress?: ProgressFn, signal?: AbortSignal): Promise<EngineInfo> {
    const info = await this.call(null, (api, id) => api.load(options, onProgress ? proxy(onProgress) : undefined, id), signal);
    this.lastLoad = options;
    return info;
  }

  edit(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    // The request's buffers are copied, not transferred, so a retry on a fresh worker can send them again.
    return this.call('edit', (api, id) => api.edit(request, id), signal);
  }

  recognize(image: Uint8ClampedArray, size: number): Promise<HeadReadings> {
    return this.call('call', (api) => api.recognize(image, size));
  }

  understandingVocab(): Promise<string[] | null> {
    return this.call('call', (api) => api.understandingVocab());
  }

  understand(input: TaggerInput): Promise<TaggerOutput> {
    return this.call('call', (api) => api.understand(input));
  }

  async dispose(): Promise<void> {
    const live = this.live;
    if (!live) return;
    await Promise.race([live.api.dispose(), new Promise((r) => setTimeout(r, this.deadlines.abortGrace))]).catch(() => undefined);
    this.kill(live);
  }

  /** Makes the worker crash during its next edit, for the crash-recovery test in the built app. */
  crashForTest(): Promise<void> {
    return this.current().api.crashForTest();
  }

  /** Runs `run` on a live worker; a crash or hang gets one more try on a fresh worker. */
  private async call<T>(deadline: keyof Deadlines | null, run: (api: Remote<EditorApi>, id: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const live = this.current();
      try {
        await live.ready.catch((e: unknown) => {
          // The pack would not load again on the fresh worker: say so once, then let a new load try.
          if (!(e instanceof WorkerGone)) [live.ready, this.lastLoad] = [Promise.resolve(), null];
          throw e;
        });
        return await this.watch(live, run, deadline, signal);
      } catch (e) {
        if (!(e instanceof WorkerGone)) throw e;
        console.warn(`Parley: the editor worker stopped (${e.message}); ${attempt === 1 ? 'trying again on a fresh one' : 'giving up'}.`);
        this.kill(live);
        if (attempt === 2 || signal?.aborted) throw new WorkerError(`The editor stopped working (${e.message}), also on a fresh start`);
      }
    }
  }

  private watch<T>(live: Live, run: (api: Remote<EditorApi>, id: number) => Promise<T>, deadline: keyof Deadlines | null, signal?: AbortSignal): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const end = () => (timers.forEach(clearTimeout), signal?.removeEventListener('abort', onAbort));
      const onAbort = () => {
        void live.api.abort(id);
        timers.push(setTimeout(() => (end(), this.kill(live), reject(new AbortError('Cancelled.'))), this.deadlines.abortGrace));
      };
      if (deadline) timers.push(setTimeout(() => (end(), reject(new WorkerGone(`no answer in ${this.deadlines[deadline] / 1000} s`))), this.deadlines[deadline]));
      signal?.addEventListener('abort', onAbort, { once: true });
      // comlink rebuilds thrown errors with their `name`, so callers can branch on it (workers/errors.ts).
      Promise.race([run(live.api, id), live.crashed]).then((v) => (end(), resolve(v)), (e) => (end(), reject(e)));
    });
  }

  /** The worker in use, started (and given the last pack again) when there is none. */
  private current(): Live {
    if (this.live) return this.live;
    const worker = this.spawn();
    const api = wrap<EditorApi>(worker);
    let fail: (e: Error) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => (fail = reject));
    crashed.catch(() => undefined);
    const onError = (e: Event) => fail(new WorkerGone((e as ErrorEvent).message || 'the worker crashed'));
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    const options = this.lastLoad;
    const live: Live = { worker, api, crashed, ready: Promise.resolve() };
    if (options) live.ready = Promise.race([api.load(options).then(() => undefined), crashed]);
    this.live = live;
    return live;
  }

  private kill(live: Live): void {
    live.worker.terminate();
    if (this.live === live) this.live = null;
  }
}
