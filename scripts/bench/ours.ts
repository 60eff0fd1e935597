/** Our WGSL kernels set up for the benchmark: one fusion call, or a whole turn (memory attention, tracker,
 * fusion, target localization), on a given device (ORT's) with inputs already in GPU buffers. */
import { AttentionKernel } from '../../workers/kernels/attention/attention.ts';
import { CompositeKernel } from '../../workers/kernels/composite/composite.ts';
import type { KernelDims } from '../../workers/kernels/dims.ts';
import { FusionKernel, type FusionIO } from '../../workers/kernels/fusion/fusion.ts';
import { createBuffer, readF32, readU32, storageUsage, uploadBuffer } from '../../workers/kernels/gpu.ts';
import { rng, uniform } from '../../workers/kernels/random.ts';
import { TrackerKernel, type TrackerIO } from '../../workers/kernels/tracker/tracker.ts';
import { GpuKernelWeights, KernelWeights } from '../../workers/kernels/weights.ts';

/** The stop threshold of kernel_fixture.py's ONNX fusion graphs, which our kernels are compared with. */
export const BENCH_THRESHOLD = 0.5;

/** Seeded per-turn inputs (f32, layouts of MATH.md); `valid` is the (L) mask of the first `len` tokens. */
export interface BenchInputs {
  U: Float32Array; keys: Float32Array; tex: Float32Array; s: Float32Array; V: Float32Array;
  vbar: Float32Array; h: Float32Array; init: Float32Array; valid: Float32Array;
}

/** Builds the benchmark inputs. */
export function benchInputs(d: KernelDims, len: number, seed: number): BenchInputs {
  const next = rng(seed);
  const { L, K, D, G, H } = d;
  const valid = new Float32Array(L).map((_, j) => (j < len ? 1 : 0));
  const tex = uniform(next, L * D).map((v, e) => (Math.floor(e / D) < len ? v : 0));
  return {
    U: uniform(next, L * K), keys: uniform(next, L * D, 1.5), tex, s: uniform(next, K), V: uniform(next, D * G * G),
    vbar: uniform(next, D), h: uniform(next, H, 0.9), init: uniform(next, D, 0.5), valid,
  };
}

/** A copy of `kw` with another termination gate bias (fusion.b_tg is f32). */
export function withBtg(kw: KernelWeights, btg: number): KernelWeights {
  const bin = kw.bin.slice(0);
  new Float32Array(bin, kw.entry('fusion.b_tg').offset, 1)[0] = btg;
  return new KernelWeights(bin, [...kw.tensors.values()]);
}

/** All our kernels and their GPU buffers for one benchmark configuration. */
export class OurKernels {
  private constructor(
    private readonly device: GPUDevice,
    readonly dims: KernelDims,
    readonly len: number,
    readonly weights: GpuKernelWeights,
    readonly buf: Record<string, GPUBuffer>,
    private readonly k: { att: AttentionKernel; tracker: TrackerKernel; fusion: FusionKernel; comp: CompositeKernel },
  ) {}

  /** Another fusion kernel on the same buffers, with other weights (e.g. withBtg) or workgroup size. */
  async makeFusion(kw: KernelWeights, wg: number): Promise<FusionKernel> {
    return FusionKernel.create(this.device, kw, this.dims, { wg });
  }

  /** Makes `k` the kernel that fusion() and turn() use. */
  useFusion(k: FusionKernel): void {
    this.k.fusion = k;
  }

  /** Uploads weights and inputs to `device` and compiles the kernels. */
  static async create(device: GPUDevice, kw: KernelWeights, d: KernelDims, len: number, x: BenchInputs): Promise<OurKernels> {
    const weights = GpuKernelWeights.upload(device, kw);
    const N = d.G * d.G;
    const out = (n: number) => createBuffer(device, 4 * n, storageUsage());
    const buf: Record<string, GPUBuffer> = {};
    for (const [name, data] of Object.entries(x)) buf[name] = uploadBuffer(device, data as Float32Array);
    Object.assign(buf, {
      O: out(d.D * N), steps: out(N), beta: out(N * d.L), texOut: out(d.L * d.D), attn: out(d.L * d.Ms),
      hOut: out(d.H), initOut: out(d.D), g: out(d.D), F: out(d.D * N), alpha: out(N),
      O2: out(d.D * N), steps2: out(N), beta2: out(N * d.L),
    });
    const [att, tracker, fusion, comp] = await Promise.all([
      AttentionKernel.create(device, weights), TrackerKernel.create(device, weights, d),
      FusionKernel.create(device, weights, d), CompositeKernel.create(device),
    ]);
    return new OurKernels(device, d, len, weights, buf, { att, tracker, fusion, comp });
  }

  private fusionIO(turn: boolean): FusionIO {
    const b = this.buf;
    return turn
      ? { V: b.V!, init: b.initOut!, keys: b.keys!, U: b.U!, tex: b.texOut!, O: b.O2!, steps: b.steps2!, beta: b.beta2! }
      : { V: b.V!, init: b.init!, keys: b.keys!, U: b.U!, tex: b.tex!, O: b.O!, steps: b.steps!, beta: b.beta! };
  }

  /** One fusion call (inputs given), submitted and completed; `k` defaults to the current kernel. */
  async fusion(adaptive = true, k = this.k.fusion): Promise<void> {
    const enc = this.device.createCommandEncoder();
    k.encode(enc, this.fusionIO(false), { len: this.len, stop: { adaptive, threshold: BENCH_THRESHOLD } });
    this.device.queue.submit([enc.finish()]);
    await this.device.queue.onSubmittedWorkDone();
  }

  /** One whole middle part of a turn in a single submit. */
  async turn(): Promise<void> {
    const { L, K, D, G, Ms } = this.dims;
    const b = this.buf;
    const len = this.len;
    const enc = this.device.createCommandEncoder();
    let pass = enc.beginComputePass();
    this.k.att.encodeMemory(pass, { U: b.U!, tex: b.texOut!, attn: b.attn! }, { L, len, K, D, Ms });
    pass.end();
    const tio: TrackerIO = { s: b.s!, vbar: b.vbar!, h: b.h!, tex: b.texOut!, hOut: b.hOut!, init: b.initOut!, g: b.g! };
    this.k.tracker.encode(enc, tio, { len });
    this.k.fusion.encode(enc, this.fusionIO(true), { len, stop: { adaptive: true, threshold: BENCH_THRESHOLD } });
    pass = enc.beginComputePass();
    this.k.comp.encodeFeatures(pass, { O: b.O2!, V: b.V!, g: b.g!, F: b.F!, alpha: b.alpha! }, { N: G * G, D });
    pass.end();
    this.device.queue.submit([enc.finish()]);
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Reads the fusion outputs of the last `fusion()` (or of `turn()` with `turn = true`). */
  async read(turn = false): Promise<{ O: Float32Array; steps: Uint32Array; beta: Float32Array; F?: Float32Array }> {
    const { D, G, L } = this.dims;
    const N = G * G;
    const io = this.fusionIO(turn);
    return {
      O: await readF32(this.device, io.O, D * N), steps: await readU32(this.device, io.steps, N),
      beta: await readF32(this.device, io.beta, N * L),
      ...(turn ? { F: await readF32(this.device, this.buf.F!, D * N) } : {}),
    };
  }
}
