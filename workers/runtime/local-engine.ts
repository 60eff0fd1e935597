/** The in-process `Engine`: pack loading, backend choice, warm-up, device-loss recovery. The worker wraps it. */
import type { HeadReadings } from '../../src/domain/domain.ts';
import type {
  BackendKind, EditRequest, EditResult, Engine, EngineInfo, LoadOptions, ProgressFn, TaggerInput, TaggerOutput,
} from '../engine.ts';
import { DeviceLostError, InputError, NoPackError, PackError, throwIfAborted } from '../errors.ts';
import { probeWebGpu, type AdapterProbe } from './adapter.ts';
import { loadPack, type LoadedPack, type PackSource } from './pack-loader.ts';
import { ortVersion } from './ort.ts';
import { Recognizer } from './recognizer.ts';
import { UnderstandingModel } from './understanding-model.ts';

/** A ready-to-run edit pipeline on one backend. */
export interface Pipeline {
  readonly backend: BackendKind;
  /** Adapter description when on WebGPU. */
  readonly adapter?: string;
  run(request: EditRequest, signal?: AbortSignal): Promise<EditResult>;
  dispose(): Promise<void>;
}

/** Builds a pipeline for a verified pack; `onLost` fires if its GPU device goes away. */
export type PipelineFactory = (pack: LoadedPack, backend: BackendKind, onLost: () => void) => Promise<Pipeline>;

/** What the engine needs from its host (browser worker or Node). */
export interface EngineHost {
  source(packUrl: string): PackSource;
  createPipeline: PipelineFactory;
  /** Builds the warm-up request for a pack (a real image and instruction, so warm-up exercises every stage). */
  warmupRequest(pack: LoadedPack): EditRequest;
  probe?: () => Promise<AdapterProbe>;
}

export class LocalEngine implements Engine {
  private pack: LoadedPack | null = null;
  private pipeline: Pipeline | null = null;
  private recognizer: Recognizer | null = null;
  private understanding: UnderstandingModel | null = null;
  private lost = false;
  private timings: Partial<Record<BackendKind, number>> = {};
  private adapter: AdapterProbe | null = null;
  /** Calls running on the current models; a pack or backend switch waits for them before disposing those. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly host: EngineHost) {}

  async info(): Promise<EngineInfo> {
    this.adapter ??= await (this.host.probe ?? probeWebGpu)();
    return {
      backend: this.pipeline?.backend ?? 'none',
      adapter: this.pipeline?.adapter ?? this.adapter.description,
      webgpuAvailable: this.adapter.available,
      ortVersion: ortVersion(),
      pack: this.pack ? this.pack.manifest.name : null,
      imageSize: this.pack ? this.pack.manifest.image_size : null,
      timings: { ...this.timings },
    };
  }

  async load(options: LoadOptions, onProgress?: ProgressFn, signal?: AbortSignal): Promise<EngineInfo> {
    const pack = await loadPack(this.host.source(options.packUrl), { onProgress, signal, expectedDomain: options.expectedDomain });
    const info = await this.info();
    const choice = options.backend ?? 'auto';
    const candidates: BackendKind[] =
      choice === 'auto' ? (info.webgpuAvailable ? ['webgpu', 'wasm'] : ['wasm']) : [choice];
    if (choice === 'webgpu' && !info.webgpuAvailable) throw new InputError(`WebGPU is unavailable: ${info.adapter}`);
    const timings: Partial<Record<BackendKind, number>> = {};
    let best: Pipeline | null = null;
    for (const backend of candidates) {
      throwIfAborted(signal);
      onProgress?.({ stage: `warm-up ${backend}`, loaded: 0, total: 1 });
      let pipeline: Pipeline | null = null;
      try {
        const made: Pipeline = (pipeline = await this.host.createPipeline(pack, backend, () => this.onLost(made)));
        timings[backend] = await this.warmup(pipeline, pack, signal);
      } catch (e) {
        await pipeline?.dispose().catch(() => undefined);
        if (candidates.length === 1 || (e as Error).name === 'AbortError') throw e;
        continue; // `auto`: a backend whose shaders, sessions or memory fail is simply not chosen.
      }
      if (!best || timings[backend]! < timings[best.backend]!) {
        await best?.dispose();
        best = pipeline;
      } else {
        await pipeline.dispose();
      }
    }
    if (!best) throw new NoPackError('No backend could run this model pack.');
    const graph = pack.manifest.graphs.recognizer;
    const recognizer = graph ? await Recognizer.create(pack.files.get(graph.file)!, pack.manifest.image_size) : null;
    const understanding = await loadUnderstanding(pack);
    // Swap only when the new pack is fully ready, so a failed load leaves the old one in use; the old models are
    // disposed once the calls still running on them (a turn in flight) have finished.
    const old = [this.pipeline, this.recognizer, this.understanding];
    this.understanding = understanding;
    this.pack = pack;
    this.pipeline = best;
    this.recognizer = recognizer;
    this.lost = false;
    this.timings = timings;
    await Promise.allSettled([...this.inflight]);
    for (const model of old) await model?.dispose().catch(() => undefined);
    onProgress?.({ stage: 'ready', loaded: 1, total: 1 });
    return this.info();
  }

  edit(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    return this.track(this.runEdit(request, signal));
  }

  private async runEdit(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    if (!this.pipeline || !this.pack) throw new NoPackError('No model pack is loaded yet.');
    const size = this.pack.manifest.image_size;
    if (request.size !== size || request.image.length !== size * size * 4) {
      throw new InputError(`The model edits ${size}x${size} images; got ${request.size}x${request.size}.`);
    }
    if (!request.text.trim()) throw new InputError('The instruction is empty.');
    if (this.lost) await this.recover();
    const pipeline = this.pipeline!;
    try {
      return await pipeline.run(request, signal);
    } catch (e) {
      const name = (e as Error).name;
      if (!this.lost && name !== 'DeviceLostError' && name !== 'GpuError') throw e;
      // The device went away or a GPU step failed mid-turn: rebuild (on WASM after a GPU error) and run the same
      // turn again; the caller sees one result.
      if (pipeline === this.pipeline) await this.recover(name === 'GpuError' ? ['wasm'] : undefined);
      return this.pipeline!.run(request, signal);
    }
  }

  private track<T>(call: Promise<T>): Promise<T> {
    this.inflight.add(call);
    const done = () => this.inflight.delete(call);
    call.then(done, done);
    return call;
  }

  async recognize(image: Uint8ClampedArray, size: number): Promise<HeadReadings> {
    if (!this.pack) throw new NoPackError('No model pack is loaded yet.');
    if (!this.recognizer) throw new NoPackError(`Pack "${this.pack.manifest.name}" has no recognizer.`);
    return this.track(this.recognizer.recognize(image, size));
  }

  async understandingVocab(): Promise<string[] | null> {
    if (!this.pack) throw new NoPackError('No model pack is loaded yet.');
    return this.understanding ? [...this.understanding.vocab] : null;
  }

  async understand(input: TaggerInput): Promise<TaggerOutput> {
    if (!this.pack) throw new NoPackError('No model pack is loaded yet.');
    if (!this.understanding) throw new NoPackError(`Pack "${this.pack.manifest.name}" has no understanding model.`);
    return this.track(this.understanding.run(input));
  }

  async dispose(): Promise<void> {
    await this.pipeline?.dispose();
    await this.recognizer?.dispose();
    await this.understanding?.dispose();
    this.understanding = null;
    this.pipeline = null;
    this.recognizer = null;
    this.pack = null;
  }

  private onLost(pipeline: Pipeline): void {
    if (pipeline === this.pipeline) this.lost = true;
  }

  /** Recreates the pipeline after device loss: same backend first, WASM if the GPU will not come back. */
  private async recover(only?: BackendKind[]): Promise<void> {
    const pack = this.pack!;
    const old = this.pipeline!;
    await old.dispose().catch(() => undefined);
    const order: BackendKind[] = only ?? (old.backend === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm']);
    for (const backend of order) {
      try {
        const next: Pipeline = await this.host.createPipeline(pack, backend, () => this.onLost(next));
        this.pipeline = next;
        this.lost = false;
        return;
      } catch {
        // try the next backend
      }
    }
    this.pipeline = null;
    throw new DeviceLostError('The GPU was lost and no backend could be restarted.');
  }

  private async warmup(pipeline: Pipeline, pack: LoadedPack, signal?: AbortSignal): Promise<number> {
    const request = this.host.warmupRequest(pack);
    await pipeline.run(request, signal); // first run compiles shaders and allocates
    const start = performance.now();
    await pipeline.run(request, signal);
    return performance.now() - start;
  }
}

/** The pack's understanding tagger and its word list, when it ships one. */
async function loadUnderstanding(pack: LoadedPack): Promise<UnderstandingModel | null> {
  const graph = pack.manifest.graphs.understanding;
  if (!graph || !pack.manifest.understanding) return null;
  const text = new TextDecoder().decode(pack.files.get(pack.manifest.understanding.vocab)!);
  let vocab: unknown;
  try {
    vocab = JSON.parse(text);
  } catch {
    vocab = null;
  }
  if (!Array.isArray(vocab) || !vocab.every((w) => typeof w === 'string')) {
    throw new PackError(`${pack.manifest.understanding.vocab} must be a JSON list of words`);
  }
  return UnderstandingModel.create(pack.files.get(graph.file)!, vocab as string[]);
}
