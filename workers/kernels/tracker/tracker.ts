/**
 * WGSL tracker wrapper: the dialogue-state GRU cell plus the fusion init, mean texture and localization
 * vector, in one single-workgroup dispatch on buffers already on the GPU.
 */
import code from './tracker.wgsl?raw';
import weightsCode from '../weights.wgsl?raw';
import { checkDims, type KernelDims } from '../dims.ts';
import {
  bindGroup, checkSize, checkWorkgroupSize, createBuffer, getPipeline, storageUsage, UniformCache, UniformWriter,
} from '../gpu.ts';
import type { GpuKernelWeights } from '../weights.ts';

/** GPU buffers of one tracker step (layouts as in tracker.ref.ts). */
export interface TrackerIO {
  s: GPUBuffer;
  vbar: GPUBuffer;
  /** Previous state (H); may be the same buffer as `hOut` (outputs are copied after the dispatch). */
  h: GPUBuffer;
  tex: GPUBuffer;
  /** Output new state (H). */
  hOut: GPUBuffer;
  /** Output fusion init (D). */
  init: GPUBuffer;
  /** Output localization vector g (D). */
  g: GPUBuffer;
  /** Optional output mean memory texture tbar (D). */
  tbar?: GPUBuffer;
}

/** Tunables: workgroup size (power of two). */
export interface TrackerTuning {
  wg?: number;
}

const NAMES = ['w_ih', 'w_hh', 'b_ih', 'b_hh', 'w_init', 'b_init', 'w_g', 'b_g'];

/** Encodes the tracker onto a GPUDevice (ORT's device in the app). */
export class TrackerKernel {
  private readonly uniforms: UniformCache;
  /** h' | init | tbar | g. */
  private readonly out: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly weights: GpuKernelWeights,
    readonly dims: KernelDims,
    private readonly pipeline: GPUComputePipeline,
  ) {
    this.uniforms = new UniformCache(device);
    this.out = createBuffer(device, 4 * (dims.H + 3 * dims.D), storageUsage(), 'tracker.out');
  }

  /** Checks the weight shapes against `dims` and compiles the kernel. */
  static async create(
    device: GPUDevice, weights: GpuKernelWeights, dims: KernelDims, tuning: TrackerTuning = {},
  ): Promise<TrackerKernel> {
    checkDims(dims);
    const { K, D, H } = dims;
    const shapes = [[3 * H, K + D], [3 * H, H], [3 * H], [3 * H], [D, H], [D], [D, K + D + H], [D]];
    NAMES.forEach((n, k) => weights.weights.expectShape(`tracker.${n}`, shapes[k]!));
    const WG = checkWorkgroupSize(device, tuning.wg ?? 64);
    const pipeline = await getPipeline(device, weightsCode + code, 'tracker', { WG });
    return new TrackerKernel(device, weights, dims, pipeline);
  }

  /** Encodes one tracker step (its own compute pass) and the copies to the output buffers. */
  encode(encoder: GPUCommandEncoder, io: TrackerIO, run: { len: number }): void {
    const { K, D, H, L } = this.dims;
    if (!Number.isInteger(run.len) || run.len < 1 || run.len > L) throw new RangeError(`len = ${run.len} must be in 1..${L}`);
    for (const [n, count] of [['s', K], ['vbar', D], ['h', H], ['tex', L * D], ['hOut', H], ['init', D], ['g', D]] as const) {
      checkSize(n, io[n], count);
    }
    const w = new UniformWriter().u32(K).u32(D).u32(H).u32(run.len);
    for (const n of NAMES) w.vec4u(this.weights.desc(`tracker.${n}`));
    const pass = encoder.beginComputePass({ label: 'tracker' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup(this.device, this.pipeline, {
      0: this.weights.buffer, 1: this.uniforms.get(w.bytes()), 2: io.s, 3: io.vbar, 4: io.h, 5: io.tex, 6: this.out,
    }));
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(this.out, 0, io.hOut, 0, 4 * H);
    encoder.copyBufferToBuffer(this.out, 4 * H, io.init, 0, 4 * D);
    if (io.tbar) encoder.copyBufferToBuffer(this.out, 4 * (H + D), io.tbar, 0, 4 * D);
    encoder.copyBufferToBuffer(this.out, 4 * (H + 2 * D), io.g, 0, 4 * D);
  }

  /** Frees this kernel's buffers. */
  destroy(): void {
    this.out.destroy();
    this.uniforms.destroy();
  }
}
