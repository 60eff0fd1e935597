/**
 * WGSL LBIE fusion wrapper: T steps of attention + 3x3 C-GRU + termination gate, with terminated regions
 * compacted out. The GPU builds each step's active-region list (atomic append) and its indirect dispatch
 * args, so a whole turn is one compute pass with no CPU round trip, and stopped regions cost nothing.
 * `encode` runs all T steps; `encodeReset` + `encodeStart` + `encodeStep(t)` + `encodeOutputs` run them
 * one at a time (the state stays in this kernel's buffers between calls).
 */
import code from './fusion.wgsl?raw';
import weightsCode from '../weights.wgsl?raw';
import { checkDims, type KernelDims } from '../dims.ts';
import {
  bindGroup, checkSize, checkWorkgroupSize, createBuffer, getPipeline, sameBuffers, storageUsage,
  UniformCache, UniformWriter, writeBuffer,
} from '../gpu.ts';
import type { GpuKernelWeights } from '../weights.ts';

/** GPU buffers of one fusion call (layouts as in fusion.ref.ts). */
export interface FusionIO {
  V: GPUBuffer;
  init: GPUBuffer;
  keys: GPUBuffer;
  U: GPUBuffer;
  tex: GPUBuffer;
  /** Output (D, N): h at each region's final step. */
  O: GPUBuffer;
  /** Output (N) u32: steps taken per region. */
  steps: GPUBuffer;
  /** Output (N, L): word attention at each region's final step. */
  beta: GPUBuffer;
}

/** Per-turn options. */
export interface FusionRun {
  /** Valid tokens, 1..L. */
  len: number;
  /** Adaptive termination (default true); false runs all T steps everywhere. */
  termination?: boolean;
}

/** Tunables: workgroup size (power of two). */
export interface FusionTuning {
  wg?: number;
}

const WEIGHT_NAMES = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'b1', 'b2', 'b5', 'b7', 'w_tg', 'b_tg'];

/** Analytic FLOPs of one region-step (attention + gates + candidate + next state + termination). */
export function fusionFlopsPerRegionStep(d: KernelDims, len: number): number {
  const { D, K } = d;
  const A = K + D;
  const attention = 2 * len * D + 4 * len + 2 * len * A;
  const conv = 2 * 9 * D * (2 * (D + A) + (D + A) + D);
  const pointwise = D * (2 * 4 + 2 + 4 + 2 + 2);
  return attention + conv + pointwise;
}

/** Encodes fusion onto a GPUDevice (ORT's device in the app). */
export class FusionKernel {
  private readonly N: number;
  private readonly uniforms: UniformCache;
  /** S | Uh | rS | z | h, channel-major, f32. */
  private readonly state: GPUBuffer;
  /** Active lists (T, N) | steps (N), u32. */
  private readonly lists: GPUBuffer;
  /** Dispatch args per step (x = active count), separate buffers so step t's indirect read never
   *  shares a usage scope with step t's atomic appends to step t+1's count. */
  private readonly args: GPUBuffer[];
  private readonly argsInit: GPUBuffer;
  private cache?: { key: Record<string, unknown>; start: GPUBindGroup; steps: GPUBindGroup[][] };

  private constructor(
    private readonly device: GPUDevice,
    private readonly weights: GpuKernelWeights,
    readonly dims: KernelDims,
    private readonly pipes: Record<'start' | 'gates' | 'cand' | 'next', GPUComputePipeline>,
  ) {
    const { G, D, K, T } = dims;
    const N = (this.N = G * G);
    this.uniforms = new UniformCache(device);
    this.state = createBuffer(device, 4 * N * (4 * D + K + D), storageUsage(), 'fusion.state');
    this.lists = createBuffer(device, 4 * N * (T + 1), storageUsage(), 'fusion.lists');
    const usage = GPUBufferUsage.INDIRECT | GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    this.args = Array.from({ length: T + 1 }, (_, t) => createBuffer(device, 16, usage, `fusion.args${t}`));
    const init = new Uint32Array(4 * (T + 1));
    for (let t = 0; t <= T; t++) init.set([t === 0 ? N : 0, 1, 1, 0], 4 * t);
    this.argsInit = createBuffer(device, init.byteLength, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    writeBuffer(device, this.argsInit, 0, init);
  }

  /** Checks the weight shapes against `dims` and compiles the four entry points. */
  static async create(
    device: GPUDevice, weights: GpuKernelWeights, dims: KernelDims, tuning: FusionTuning = {},
  ): Promise<FusionKernel> {
    checkDims(dims);
    const { D, K } = dims;
    const A = K + D;
    const shapes: Record<string, number[]> = {
      w1: [D, D, 3, 3], w2: [D, A, 3, 3], w3: [D, D, 3, 3], w4: [D, A, 3, 3], w5: [D, D, 3, 3],
      w6: [D, A, 3, 3], w7: [D, D, 3, 3], b1: [D], b2: [D], b5: [D], b7: [D], w_tg: [1, D], b_tg: [1],
    };
    for (const [n, s] of Object.entries(shapes)) weights.weights.expectShape(`fusion.${n}`, s);
    const WG = checkWorkgroupSize(device, tuning.wg ?? 64);
    const src = weightsCode + code;
    const [start, gates, cand, next] = await Promise.all(
      ['start', 'gates', 'cand', 'next'].map((e) => getPipeline(device, src, e, { WG })),
    );
    return new FusionKernel(device, weights, dims, { start: start!, gates: gates!, cand: cand!, next: next! });
  }

  private uniform(run: FusionRun, t: number): GPUBuffer {
    const { G, L, D, K, T } = this.dims;
    const N = this.N;
    const w = new UniformWriter()
      .u32(N).u32(G).u32(L).u32(run.len)
      .u32(D).u32(K).u32(T).u32(t)
      .u32(run.termination === false ? 0 : 1).u32(D * N).u32((D + K + D) * N).u32((2 * D + K + D) * N)
      .u32((3 * D + K + D) * N).u32(T * N).f32(1 / Math.sqrt(D)).u32(0);
    for (const n of WEIGHT_NAMES) w.vec4u(this.weights.desc(`fusion.${n}`));
    return this.uniforms.get(w.bytes());
  }

  private bindGroups(io: FusionIO, run: FusionRun): { start: GPUBindGroup; steps: GPUBindGroup[][] } {
    const key = { ...io, len: run.len, termination: run.termination !== false };
    if (this.cache && sameBuffers(this.cache.key, key)) return this.cache;
    const { L, D, K, T } = this.dims;
    const N = this.N;
    for (const [n, count] of [['V', D * N], ['init', D], ['keys', L * D], ['U', L * K], ['tex', L * D],
      ['O', D * N], ['steps', N], ['beta', N * L]] as const) checkSize(n, io[n], count);
    if (run.len < 1 || run.len > L) throw new RangeError(`len = ${run.len} must be in 1..${L}`);
    const dev = this.device;
    const wb = this.weights.buffer;
    const start = bindGroup(dev, this.pipes.start, {
      1: this.uniform(run, 0), 2: this.state, 3: this.lists, 4: io.keys, 5: io.U, 6: io.tex, 7: io.beta, 8: io.V, 9: io.init,
    });
    const steps = Array.from({ length: T }, (_, t) => {
      const u = this.uniform(run, t);
      return [
        bindGroup(dev, this.pipes.gates, { 0: wb, 1: u, 2: this.state, 3: this.lists }),
        bindGroup(dev, this.pipes.cand, { 0: wb, 1: u, 2: this.state, 3: this.lists }),
        bindGroup(dev, this.pipes.next, {
          0: wb, 1: u, 2: this.state, 3: this.lists, 4: io.keys, 5: io.U, 6: io.tex, 7: io.beta, 10: this.args[t + 1]!,
        }),
      ];
    });
    this.cache = { key, start, steps };
    return this.cache;
  }

  /** Encodes a whole turn: reset, prologue, all T steps in one compute pass, and the output copies. */
  encode(encoder: GPUCommandEncoder, io: FusionIO, run: FusionRun): void {
    this.encodeReset(encoder);
    const pass = encoder.beginComputePass({ label: 'fusion' });
    this.encodeStart(pass, io, run);
    for (let t = 0; t < this.dims.T; t++) this.encodeStep(pass, io, run, t);
    pass.end();
    this.encodeOutputs(encoder, io);
  }

  /** Resets the per-step active counts (step 0: all N regions); must precede encodeStart. */
  encodeReset(encoder: GPUCommandEncoder): void {
    for (let t = 0; t <= this.dims.T; t++) encoder.copyBufferToBuffer(this.argsInit, 16 * t, this.args[t]!, 0, 16);
  }

  /** S0 = V + init, the identity active list, and step-0 attention for all regions. */
  encodeStart(pass: GPUComputePassEncoder, io: FusionIO, run: FusionRun): void {
    pass.setPipeline(this.pipes.start);
    pass.setBindGroup(0, this.bindGroups(io, run).start);
    pass.dispatchWorkgroups(this.N);
  }

  /** Step t over the regions still active (indirect: the count was written by step t-1 on the GPU). */
  encodeStep(pass: GPUComputePassEncoder, io: FusionIO, run: FusionRun, t: number): void {
    if (!Number.isInteger(t) || t < 0 || t >= this.dims.T) throw new RangeError(`step ${t} not in 0..${this.dims.T - 1}`);
    const groups = this.bindGroups(io, run).steps[t]!;
    (['gates', 'cand', 'next'] as const).forEach((name, k) => {
      pass.setPipeline(this.pipes[name]);
      pass.setBindGroup(0, groups[k]!);
      pass.dispatchWorkgroupsIndirect(this.args[t]!, 0);
    });
  }

  /** Copies O (frozen h) and steps out of the kernel state into the caller's buffers. */
  encodeOutputs(encoder: GPUCommandEncoder, io: FusionIO): void {
    const { D, K, T } = this.dims;
    const N = this.N;
    encoder.copyBufferToBuffer(this.state, 4 * (3 * D + K + D) * N, io.O, 0, 4 * D * N);
    encoder.copyBufferToBuffer(this.lists, 4 * T * N, io.steps, 0, 4 * N);
  }

  /** Frees this kernel's buffers (pipelines stay cached per device). */
  destroy(): void {
    for (const b of [this.state, this.lists, this.argsInit, ...this.args]) b.destroy();
    this.uniforms.destroy();
    this.cache = undefined;
  }
}
