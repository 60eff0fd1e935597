/**
 * The WebGPU path: ORT's WebGPU EP runs the graphs and our WGSL kernels run on ORT's own GPUDevice, so region
 * features, skips and decoder outputs never leave the GPU; only the final image, mask and diagnostics are read back.
 */
import type { EditRequest, EditResult } from '../engine.ts';
import { DeviceLostError, GpuError, InputError, throwIfAborted } from '../errors.ts';
import { AttentionKernel } from '../kernels/attention/attention.ts';
import { CompositeKernel } from '../kernels/composite/composite.ts';
import { FusionKernel } from '../kernels/fusion/fusion.ts';
import { TrackerKernel } from '../kernels/tracker/tracker.ts';
import { createBuffer, storageUsage, writeBuffer } from '../kernels/gpu.ts';
import { GpuKernelWeights } from '../kernels/weights.ts';
import { describeAdapter } from './adapter.ts';
import { gpuChecked, watchUncaptured } from './gpu-errors.ts';
import { applyKept, keptPixels } from './decoder-crop.ts';
import type { Pipeline } from './local-engine.ts';
import { createSession, gpuTensor, ort, ortDevice, type OrtSession } from './ort.ts';
import type { EditGraph, PackModel } from './pack-model.ts';
import { StageTimer, editResult, rgbaToPlanar } from './turn-io.ts';

type Buffers = Record<
  'U' | 'keys' | 's' | 'tex' | 'attn' | 'h' | 'hOut' | 'init' | 'g' | 'O' | 'steps' | 'beta' | 'F' | 'alpha' | 'source' | 'out' | 'm',
  GPUBuffer
>;

export class GpuPipeline implements Pipeline {
  readonly backend = 'webgpu' as const;
  private lost = false;
  /** An uncaptured GPU error since the last turn: the next turn moves to WASM rather than trust the results. */
  private failed: string | null = null;
  private unwatch: () => void = () => undefined;

  private constructor(
    private readonly model: PackModel,
    private readonly device: GPUDevice,
    private readonly sessions: Record<EditGraph, OrtSession>,
    private readonly weights: GpuKernelWeights,
    private readonly kernels: { attention: AttentionKernel; tracker: TrackerKernel; fusion: FusionKernel; composite: CompositeKernel },
    private readonly buf: Buffers,
    /** One mappable buffer all results are copied into, so a turn costs a single GPU->CPU sync. */
    private readonly staging: GPUBuffer,
    readonly adapter: string,
  ) {}

  /** Byte ranges of the read-back results inside `staging`. */
  private readbackLayout(): [keyof Buffers, number][] {
    const { G, L, H } = this.model.dims;
    const N = G * G;
    const P = this.model.size * this.model.size;
    return [['out', 3 * P], ['m', P], ['beta', N * L], ['steps', N], ['hOut', H]];
  }

  static async create(model: PackModel, onLost: () => void): Promise<GpuPipeline> {
    // The text encoder is tiny and its recurrent ops fall back to the CPU, so its outputs come back to the CPU.
    const sessions = {
      text_encoder: await createSession(model.graphs.text_encoder, 'webgpu'),
      image_encoder: await createSession(model.graphs.image_encoder, 'webgpu', ['regions', 'pooled', 'skip1', 'skip2']),
      decoder: await createSession(model.graphs.decoder, 'webgpu', ['rgb', 'mask_logit']),
    };
    const device = await ortDevice(); // exists only once ORT has created a WebGPU session
    // Shader or memory failures here throw, so that `auto` falls back to WASM instead of running broken kernels.
    const { weights, kernels } = await gpuChecked(device, 'kernel setup', async () => {
      const weights = GpuKernelWeights.upload(device, model.weights);
      const kernels = {
        attention: await AttentionKernel.create(device, weights),
        tracker: await TrackerKernel.create(device, weights, model.dims),
        fusion: await FusionKernel.create(device, weights, model.dims),
        composite: await CompositeKernel.create(device),
      };
      return { weights, kernels };
    });
    const { L, K, D, G, H, Ms } = model.dims;
    const N = G * G;
    const P = model.size * model.size;
    const sizes: Record<keyof Buffers, number> = {
      U: L * K, keys: L * D, s: K, tex: L * D, attn: L * Ms, h: H, hOut: H, init: D, g: D, O: D * N, steps: N,
      beta: N * L, F: D * N, alpha: N, source: 3 * P, out: 3 * P, m: P,
    };
    const buf = Object.fromEntries(
      Object.entries(sizes).map(([name, n]) => [name, createBuffer(device, 4 * n, storageUsage(), name)]),
    ) as Buffers;
    const staging = device.createBuffer({
      size: 4 * (4 * P + N * L + N + H), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, label: 'readback',
    });
    const pipeline = new GpuPipeline(model, device, sessions, weights, kernels, buf, staging, describeAdapter(device.adapterInfo));
    pipeline.unwatch = watchUncaptured(device, (message) => {
      console.error(`Parley: GPU error outside a turn: ${message}`);
      pipeline.failed = message;
    });
    void device.lost.then((info) => {
      if (info.reason === 'destroyed') return;
      pipeline.lost = true;
      onLost();
    });
    return pipeline;
  }

  run(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    if (this.lost) return Promise.reject(new DeviceLostError('The GPU device was lost.'));
    if (this.failed) return Promise.reject(new GpuError(`The GPU reported an error: ${this.failed}`));
    return gpuChecked(this.device, 'an edit', () => this.turn(request, signal));
  }

  private async turn(request: EditRequest, signal?: AbortSignal): Promise<EditResult> {
    const { dims, size } = this.model;
    const { G, L, D, H } = dims;
    const N = G * G;
    if (request.state && request.state.length !== H) throw new InputError(`Tracker state has ${request.state.length} values, expected ${H}`);
    const { device, buf, kernels } = this;
    const timer = new StageTimer();
    const { ids, len, words } = this.model.tokenize(request.text);
    const source = rgbaToPlanar(request.image, size);
    const text = await this.sessions.text_encoder.run({ tokens: new ort.Tensor('int64', ids, [1, L]) });
    writeBuffer(device, buf.U, 0, text.words.data as Float32Array);
    writeBuffer(device, buf.keys, 0, text.keys.data as Float32Array);
    writeBuffer(device, buf.s, 0, text.sentence.data as Float32Array);
    writeBuffer(device, buf.h, 0, request.state ?? new Float32Array(H));
    writeBuffer(device, buf.source, 0, source);
    timer.lap('text_encoder');
    throwIfAborted(signal);
    const image = await this.sessions.image_encoder.run({ image: new ort.Tensor('float32', source, [1, 3, size, size]) });
    timer.lap('image_encoder');
    const V = image.regions.gpuBuffer as GPUBuffer;
    const vbar = image.pooled.gpuBuffer as GPUBuffer;
    try {
      throwIfAborted(signal);
      const enc = device.createCommandEncoder({ label: 'parley-turn' });
      let pass = enc.beginComputePass({ label: 'memory' });
      kernels.attention.encodeMemory(pass, { U: buf.U, tex: buf.tex, attn: buf.attn }, { L, len, K: dims.K, D, Ms: dims.Ms });
      pass.end();
      kernels.tracker.encode(enc, { s: buf.s, vbar, h: buf.h, tex: buf.tex, hOut: buf.hOut, init: buf.init, g: buf.g }, { len });
      kernels.fusion.encode(
        enc,
        { V, init: buf.init, keys: buf.keys, U: buf.U, tex: buf.tex, O: buf.O, steps: buf.steps, beta: buf.beta },
        { len, stop: this.model.stop },
      );
      pass = enc.beginComputePass({ label: 'localization' });
      kernels.composite.encodeFeatures(pass, { O: buf.O, V, g: buf.g, F: buf.F, alpha: buf.alpha }, { N, D });
      pass.end();
      device.queue.submit([enc.finish()]);
      timer.lap('kernels');
      const decoded = await this.sessions.decoder.run({
        fused: gpuTensor(buf.F, [1, D, G, G]), skip1: image.skip1, skip2: image.skip2,
      });
      timer.lap('decoder');
      try {
        const enc2 = device.createCommandEncoder({ label: 'parley-composite' });
        const p2 = enc2.beginComputePass({ label: 'composite' });
        kernels.composite.encodePixels(
          p2,
          { rgb: decoded.rgb.gpuBuffer as GPUBuffer, maskLogit: decoded.mask_logit.gpuBuffer as GPUBuffer, source: buf.source, out: buf.out, m: buf.m },
          { P: size * size, C: 3, lo: this.model.maskLo, hi: this.model.maskHi },
        );
        p2.end();
        let at = 0;
        for (const [name, count] of this.readbackLayout()) {
          enc2.copyBufferToBuffer(buf[name], 0, this.staging, at, 4 * count);
          at += 4 * count;
        }
        device.queue.submit([enc2.finish()]);
      } finally {
        decoded.rgb.dispose();
        decoded.mask_logit.dispose();
      }
    } finally {
      for (const t of Object.values(image)) t.dispose();
    }
    await this.staging.mapAsync(GPUMapMode.READ);
    const bytes = this.staging.getMappedRange().slice(0);
    this.staging.unmap();
    const views: Record<string, ArrayBuffer> = {};
    let at = 0;
    for (const [name, count] of this.readbackLayout()) {
      views[name] = bytes.slice(at, at + 4 * count);
      at += 4 * count;
    }
    const [out, m, beta, h] = ['out', 'm', 'beta', 'hOut'].map((k) => new Float32Array(views[k]!));
    const steps = new Uint32Array(views.steps!);
    // The whole picture is decoded here (one ORT graph on the GPU, no read-back in between); what the caller does
    // not keep is the source, as on the WASM path.
    applyKept(out!, m!, source, keptPixels(request.keep, size));
    timer.lap('composite+readback');
    if (this.lost) throw new DeviceLostError('The GPU device was lost during the turn.');
    return editResult({ out, m, beta, steps, h, size, G, L, words, timings: timer.total(), backend: 'webgpu' });
  }

  async dispose(): Promise<void> {
    this.unwatch();
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
    for (const b of Object.values(this.buf)) b.destroy();
    this.staging.destroy();
    this.weights.destroy();
  }
}
