/** The WASM path: ORT-WASM runs the graphs, fast CPU code runs fusion, the kernels' TypeScript references the rest. */
import type { EditRequest, EditResult } from '../engine.ts';
import { InputError, throwIfAborted } from '../errors.ts';
import { attendMemoryRef } from '../kernels/attention/attention.ref.ts';
import { compositeFeaturesRef, compositePixelsRef } from '../kernels/composite/composite.ref.ts';
import { FusionCpu } from '../kernels/fusion/fusion.cpu.ts';
import { fusionRef, fusionWeights, type FusionInputs, type FusionResult, type StopRule } from '../kernels/fusion/fusion.ref.ts';
import { trackerRef, trackerWeights, type TrackerWeights } from '../kernels/tracker/tracker.ref.ts';
import { applyKept, cropPlan, decodeRects, keptPixels } from './decoder-crop.ts';
import type { Pipeline } from './local-engine.ts';
import { createSession, ort, type OrtSession } from './ort.ts';
import type { EditGraph, PackModel } from './pack-model.ts';
import { StageTimer, editResult, rgbaToPlanar } from './turn-io.ts';

const f32 = (t: ort.Tensor) => t.data as Float32Array;

/** Options of the CPU path; `referenceFusion` runs fusionRef instead (the benchmark's before/after). */
export interface CpuPipelineOptions {
  referenceFusion?: boolean;
  /** Decode the whole picture even where the request keeps only some cells (the benchmark's before). */
  fullDecode?: boolean;
}

export class CpuPipeline implements Pipeline {
  readonly backend = 'wasm' as const;
  readonly adapter = 'CPU (onnxruntime-web WASM)';
  private readonly fusion: (x: FusionInputs, len: number, stop: StopRule) => FusionResult;
  private readonly tracker: TrackerWeights;
  private readonly mem: Float32Array;
  private readonly memKeys: Float32Array;

  private constructor(
    private readonly model: PackModel,
    private readonly sessions: Record<EditGraph, OrtSession>,
    /** decoder_crop, where the pack has it and the options allow it. */
    private readonly crop: OrtSession | null,
    options: CpuPipelineOptions,
  ) {
    const fw = fusionWeights(model.weights);
    const fast = new FusionCpu(fw, model.dims);
    this.fusion = options.referenceFusion
      ? (x, len, stop) => fusionRef(fw, x, model.dims, len, stop)
      : (x, len, stop) => fast.run(x, len, stop);
    this.tracker = trackerWeights(model.weights);
    this.mem = model.weights.f32('mem');
    this.memKeys = model.weights.f32('mem_keys');
  }

  static async create(model: PackModel, options: CpuPipelineOptions = {}): Promise<CpuPipeline> {
    const entries = await Promise.all(
      (Object.keys(model.graphs) as EditGraph[]).map(async (g) => [g, await createSession(model.graphs[g], 'wasm')] as const),
    );
    const crop = model.decoderCrop && !options.fullDecode ? await createSession(model.decoderCrop, 'wasm') : null;
    return new CpuPipeline(model, Object.fromEntries(entries) as Record<EditGraph, OrtSession>, crop, options);
  }

  async run(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    const { dims, size } = this.model;
    const { G, L, K, D, H, Ms } = dims;
    const N = G * G;
    if (request.state && request.state.length !== H) throw new InputError(`Tracker state has ${request.state.length} values, expected ${H}`);
    const timer = new StageTimer();
    const { ids, len, words } = this.model.tokenize(request.text);
    const source = rgbaToPlanar(request.image, size);
    const text = await this.sessions.text_encoder.run({ tokens: new ort.Tensor('int64', ids, [1, L]) });
    timer.lap('text_encoder');
    throwIfAborted(signal);
    const image = await this.sessions.image_encoder.run({ image: new ort.Tensor('float32', source, [1, 3, size, size]) });
    timer.lap('image_encoder');
    throwIfAborted(signal);
    const U = f32(text.words);
    const V = f32(image.regions);
    const { tex } = attendMemoryRef(U, this.mem, this.memKeys, { L, len, K, D, Ms });
    timer.lap('memory');
    const tracked = trackerRef(
      this.tracker, { s: f32(text.sentence), vbar: f32(image.pooled), h: request.state ?? new Float32Array(H), tex }, dims, len,
    );
    timer.lap('tracker');
    const fused = this.fusion({ V, init: tracked.init, keys: f32(text.keys), U, tex }, len, this.model.stop);
    // The fast path's outputs are its own reused buffers: copy what outlives the decoder's await.
    const [beta, steps] = [fused.beta.slice(), fused.steps.slice()];
    timer.lap('fusion');
    const { F } = compositeFeaturesRef(fused.O, V, tracked.g, N, D);
    throwIfAborted(signal);
    const feeds = { fused: new ort.Tensor('float32', F, [1, D, G, G]), skip1: image.skip1, skip2: image.skip2 };
    // Only the kept cells and their halo, where that is cheaper than the whole picture (decoder-crop.ts).
    const rects = this.crop && cropPlan(request.keep, size);
    const { rgb, maskLogit } = rects
      ? await decodeRects(this.crop!, feeds, rects, size)
      : await this.sessions.decoder.run(feeds).then((d) => ({ rgb: f32(d.rgb), maskLogit: f32(d.mask_logit) }));
    timer.lap('decoder');
    const { out, m } = compositePixelsRef(rgb, maskLogit, source, this.model.maskLo, this.model.maskHi);
    applyKept(out, m, source, keptPixels(request.keep, size));
    timer.lap('composite');
    return editResult({
      out, m, beta, steps, h: tracked.h, size, G, L, words,
      timings: timer.total(), backend: 'wasm',
    });
  }

  async dispose(): Promise<void> {
    await Promise.all([...Object.values(this.sessions), ...(this.crop ? [this.crop] : [])].map((s) => s.release()));
  }
}
