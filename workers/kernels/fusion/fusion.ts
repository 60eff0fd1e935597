/**
 * WGSL LBIE fusion wrapper: T steps of attention + 3x3 C-GRU + termination gate, with terminated regions
 * compacted out. The GPU builds each step's active-region list (atomic append) and its indirect dispatch
 * args, so a whole turn is one compute pass with no CPU round trip, and stopped regions cost nothing.
 * `encode` runs all T steps; `encodeReset`, `encodeStart`, `encodeStep(t)`, `encodeFinish`, `encodeSteps`
 * run them piecewise (the state stays in this kernel's buffers between calls).
 */
import code from './fusion.wgsl?raw';
import { pad4, packFusionWeights } from './fusion-pack.ts';
import { checkStopRule, type StopRule } from './fusion.ref.ts';
import { checkDims, type KernelDims } from '../dims.ts';
import {
  bindGroup, checkSize, checkWorkgroupSize, createBuffer, getPipeline, sameBuffers, storageUsage,
  readU32, UniformCache, UniformWriter, uploadBuffer, writeBuffer,
} from '../gpu.ts';
import { GpuKernelWeights, type KernelWeights } from '../weights.ts';

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
  /** When regions stop: the pack's termination flag and stop_threshold (PackModel.stop). */
  stop: StopRule;
}

/** Tunables: workgroup size (power of two). */
export interface FusionTuning {
  wg?: number;
}

type Entry = 'start' | 'gates' | 'cand' | 'next' | 'finish';

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
  /** S | Uh | rS | z | h, region-major (N, C padded to 4), f32. */
  private readonly state: GPUBuffer;
  /** Quad offsets of S, Uh, rS, z, h in `state`. */
  private readonly off: number[];
  /** Active lists (T, N) | steps (N), u32. */
  private readonly lists: GPUBuffer;
  /** Dispatch args per step (x = active count), separate buffers so step t's indirect read never
   *  shares a usage scope with step t's atomic appends to step t+1's count. */
  private readonly args: GPUBuffer[];
  private readonly argsInit: GPUBuffer;
  private cache?: { key: Record<string, unknown>; start: GPUBindGroup; finish: GPUBindGroup; steps: GPUBindGroup[][] };

  private constructor(
    private readonly device: GPUDevice,
    /** Fusion weights in the layout of fusion-pack.ts. */
    private readonly packed: { buffer: GPUBuffer; offsets: number[] },
    readonly dims: KernelDims,
    private readonly wg: number,
    private readonly pipes: Record<Entry, GPUComputePipeline>,
  ) {
    const { G, D, K, T } = dims;
    const N = (this.N = G * G);
    const [D4, A4] = [pad4(D), pad4(K + D)];
    this.uniforms = new UniformCache(device);
    this.off = [0, N * D4, N * (D4 + A4), N * (2 * D4 + A4), N * (3 * D4 + A4)].map((x) => x / 4);
    this.state = createBuffer(device, 4 * N * (4 * D4 + A4), storageUsage(), 'fusion.state');
    this.lists = createBuffer(device, 4 * N * (T + 1), storageUsage(), 'fusion.lists');
    const usage = GPUBufferUsage.INDIRECT | GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    this.args = Array.from({ length: T + 1 }, (_, t) => createBuffer(device, 16, usage, `fusion.args${t}`));
    const init = new Uint32Array(4 * (T + 1));
    for (let t = 0; t <= T; t++) init.set([t === 0 ? N : 0, 1, 1, 0], 4 * t);
    this.argsInit = createBuffer(device, init.byteLength, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    writeBuffer(device, this.argsInit, 0, init);
  }

  /** Checks the weight shapes against `dims`, packs the weights (fusion-pack.ts) and compiles the entry points.
   *  Only the CPU view of the weights is read: the kernel uploads its own packed copy. */
  static async create(
    device: GPUDevice, weights: GpuKernelWeights | KernelWeights, dims: KernelDims, tuning: FusionTuning = {},
  ): Promise<FusionKernel> {
    const kw = weights instanceof GpuKernelWeights ? weights.weights : weights;
    checkDims(dims);
    const { D, K } = dims;
    const A = K + D;
    const shapes: Record<string, number[]> = {
      w1: [D, D, 3, 3], w2: [D, A, 3, 3], w3: [D, D, 3, 3], w4: [D, A, 3, 3], w5: [D, D, 3, 3],
      w6: [D, A, 3, 3], w7: [D, D, 3, 3], b1: [D], b2: [D], b5: [D], b7: [D], w_tg: [1, D], b_tg: [1],
    };
    for (const [n, s] of Object.entries(shapes)) kw.expectShape(`fusion.${n}`, s);
    const WG = checkWorkgroupSize(device, tuning.wg ?? 32);
    const packed = packFusionWeights(kw, dims);
    const entries: Entry[] = ['start', 'gates', 'cand', 'next', 'finish'];
    const made = await Promise.all(entries.map((e) => getPipeline(device, code, e, { WG, CONV_I8: packed.i8 ? 1 : 0 })));
    const pipes = Object.fromEntries(entries.map((e, k) => [e, made[k]!])) as Record<Entry, GPUComputePipeline>;
    const buffer = uploadBuffer(device, packed.words, 'fusion.weights');
    return new FusionKernel(device, { buffer, offsets: packed.offsets }, dims, WG, pipes);
  }

  private uniform(run: FusionRun, t: number): GPUBuffer {
    const { G, L, D, K, T } = this.dims;
    const o = this.off;
    const w = new UniformWriter()
      .u32(this.N).u32(G).u32(L).u32(run.len)
      .u32(D).u32(K).u32(T).u32(t)
      .u32(run.stop.adaptive ? 1 : 0).u32(pad4(D)).u32(pad4(K + D)).f32(run.stop.threshold)
      .u32(o[0]!).u32(o[1]!).u32(o[2]!).u32(o[3]!)
      .u32(o[4]!).u32(T * this.N).f32(1 / Math.sqrt(D)).u32(0);
    const slots = this.packed.offsets;
    for (let k = 0; k < slots.length; k += 4) w.vec4u([slots[k]!, slots[k + 1]!, slots[k + 2]!, slots[k + 3]!]);
    return this.uniforms.get(w.bytes());
  }

  private bindGroups(io: FusionIO, run: FusionRun): NonNullable<FusionKernel['cache']> {
    const key = { ...io, len: run.len, adaptive: run.stop.adaptive, threshold: run.stop.threshold };
    if (this.cache && sameBuffers(this.cache.key, key)) return this.cache;
    const { L, D, K, T } = this.dims;
    const N = this.N;
    for (const [n, count] of [['V', D * N], ['init', D], ['keys', L * D], ['U', L * K], ['tex', L * D],
      ['O', D * N], ['steps', N], ['beta', N * L]] as const) checkSize(n, io[n], count);
    if (run.len < 1 || run.len > L) throw new RangeError(`len = ${run.len} must be in 1..${L}`);
    checkStopRule(run.stop);
    const dev = this.device;
    const wb = this.packed.buffer;
    const u0 = this.uniform(run, 0);
    const start = bindGroup(dev, this.pipes.start, {
      1: u0, 2: this.state, 3: this.lists, 4: io.keys, 5: io.U, 6: io.tex, 7: io.beta, 8: io.V, 9: io.init,
    });
    const finish = bindGroup(dev, this.pipes.finish, { 1: u0, 2: this.state, 11: io.O });
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
    this.cache = { key, start, finish, steps };
    return this.cache;
  }

  /** Encodes a whole turn: reset, prologue, all T steps in one compute pass, and the output copies. */
  encode(encoder: GPUCommandEncoder, io: FusionIO, run: FusionRun): void {
    this.encodeReset(encoder);
    const pass = encoder.beginComputePass({ label: 'fusion' });
    this.encodeStart(pass, io, run);
    for (let t = 0; t < this.dims.T; t++) this.encodeStep(pass, io, run, t);
    this.encodeFinish(pass, io, run);
    pass.end();
    this.encodeSteps(encoder, io);
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

  /** Writes O (D, N) from the frozen h: every region's h at its final step. */
  encodeFinish(pass: GPUComputePassEncoder, io: FusionIO, run: FusionRun): void {
    pass.setPipeline(this.pipes.finish);
    pass.setBindGroup(0, this.bindGroups(io, run).finish);
    pass.dispatchWorkgroups(Math.ceil((this.dims.D * this.N) / this.wg));
  }

  /** Copies the per-region step counts into io.steps (after the pass). */
  encodeSteps(encoder: GPUCommandEncoder, io: FusionIO): void {
    encoder.copyBufferToBuffer(this.lists, 4 * this.dims.T * this.N, io.steps, 0, 4 * this.N);
  }

  /** Regions dispatched at each step of the last completed turn, read back from the indirect args
   *  (their sum is the number of region-steps executed; for tests and the benchmark). */
  async activeCounts(): Promise<number[]> {
    const counts = await Promise.all(this.args.slice(0, this.dims.T).map((b) => readU32(this.device, b, 1)));
    return counts.map((c) => c[0]!);
  }

  /** Frees this kernel's buffers (pipelines stay cached per device). */
  destroy(): void {
    for (const b of [this.state, this.lists, this.argsInit, this.packed.buffer, ...this.args]) b.destroy();
    this.uniforms.destroy();
    this.cache = undefined;
  }
}
