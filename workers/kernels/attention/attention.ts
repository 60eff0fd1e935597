/**
 * WGSL attention kernel wrapper: word-region attention (fused scores + masked softmax + weighted sum, one
 * workgroup per region) and word-memory attention (one workgroup per word), on buffers already on the GPU.
 */
import code from './attention.wgsl?raw';
import weightsCode from '../weights.wgsl?raw';
import type { MemoryAttentionDims, RegionAttentionDims } from './attention.ref.ts';
import { bindGroup, checkSize, checkWorkgroupSize, getPipeline, UniformCache, UniformWriter } from '../gpu.ts';
import type { GpuKernelWeights } from '../weights.ts';

/** GPU buffers for word-region attention (layouts as in attention.ref.ts). */
export interface RegionAttentionIO {
  S: GPUBuffer;
  keys: GPUBuffer;
  U: GPUBuffer;
  tex: GPUBuffer;
  /** Output (N, L); also the score scratch. */
  beta: GPUBuffer;
  /** Output (K + D, N). */
  Uh: GPUBuffer;
}

/** GPU buffers for word-memory attention; `mem` / `mem_keys` come from the kernel weights. */
export interface MemoryAttentionIO {
  U: GPUBuffer;
  /** Output (L, D), zero rows at padding. */
  tex: GPUBuffer;
  /** Output (L, Ms) memory attention weights; also the score scratch. */
  attn: GPUBuffer;
}

/** Tunables: workgroup size (power of two). */
export interface AttentionTuning {
  wg?: number;
}

/** Encodes attention dispatches into a caller's compute pass. */
export class AttentionKernel {
  private readonly uniforms: UniformCache;

  private constructor(
    private readonly device: GPUDevice,
    private readonly weights: GpuKernelWeights,
    private readonly regions: GPUComputePipeline,
    private readonly memory: GPUComputePipeline,
  ) {
    this.uniforms = new UniformCache(device);
  }

  /** Compiles both entry points on `device` (cached per device). */
  static async create(device: GPUDevice, weights: GpuKernelWeights, tuning: AttentionTuning = {}): Promise<AttentionKernel> {
    const WG = checkWorkgroupSize(device, tuning.wg ?? 64);
    const src = weightsCode + code;
    const [regions, memory] = await Promise.all([
      getPipeline(device, src, 'attend_regions', { WG }),
      getPipeline(device, src, 'attend_memory', { WG }),
    ]);
    return new AttentionKernel(device, weights, regions, memory);
  }

  private params(n: number, L: number, len: number, D: number, K: number, Ms: number, scale: number): GPUBuffer {
    const w = new UniformWriter().u32(n).u32(L).u32(len).u32(D).u32(K).u32(Ms).f32(scale).u32(0);
    const has = this.weights.weights.has('mem');
    w.vec4u(has ? this.weights.desc('mem') : [0, 0, 0, 1]).vec4u(has ? this.weights.desc('mem_keys') : [0, 0, 0, 1]);
    return this.uniforms.get(w.bytes());
  }

  /** Word-region attention for all N regions. */
  encodeRegions(pass: GPUComputePassEncoder, io: RegionAttentionIO, d: RegionAttentionDims): void {
    const { N, L, len, D, K } = d;
    if (len < 1 || len > L) throw new RangeError(`len = ${len} must be in 1..${L}`);
    checkSize('S', io.S, D * N);
    checkSize('keys', io.keys, L * D);
    checkSize('U', io.U, L * K);
    checkSize('tex', io.tex, L * D);
    checkSize('beta', io.beta, N * L);
    checkSize('Uh', io.Uh, (K + D) * N);
    const uni = this.params(N, L, len, D, K, 0, 1 / Math.sqrt(D));
    pass.setPipeline(this.regions);
    pass.setBindGroup(0, bindGroup(this.device, this.regions, {
      1: uni, 2: io.S, 3: io.keys, 4: io.U, 5: io.tex, 6: io.beta, 7: io.Uh,
    }));
    pass.dispatchWorkgroups(N);
  }

  /** Word-memory attention for all L words (zero rows for padding). */
  encodeMemory(pass: GPUComputePassEncoder, io: MemoryAttentionIO, d: MemoryAttentionDims): void {
    const { L, len, K, D, Ms } = d;
    if (len < 1 || len > L) throw new RangeError(`len = ${len} must be in 1..${L}`);
    this.weights.weights.expectShape('mem', [Ms, D]);
    this.weights.weights.expectShape('mem_keys', [Ms, K]);
    checkSize('U', io.U, L * K);
    checkSize('tex', io.tex, L * D);
    checkSize('attn', io.attn, L * Ms);
    const uni = this.params(0, L, len, D, K, Ms, 1 / Math.sqrt(K));
    pass.setPipeline(this.memory);
    pass.setBindGroup(0, bindGroup(this.device, this.memory, {
      0: this.weights.buffer, 1: uni, 4: io.U, 8: io.tex, 9: io.attn,
    }));
    pass.dispatchWorkgroups(L);
  }

  /** Frees the cached uniform buffers (pipelines stay cached per device). */
  destroy(): void {
    this.uniforms.destroy();
  }
}
