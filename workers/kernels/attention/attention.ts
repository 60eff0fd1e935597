/**
 * WGSL memory attention wrapper (models/MATH.md step 3): one workgroup per word, on buffers already on the GPU.
 * Word-region attention (step 5) runs inside the fusion kernel, which needs it per step for the active regions.
 */
import code from './attention.wgsl?raw';
import weightsCode from '../weights.wgsl?raw';
import type { MemoryAttentionDims } from './attention.ref.ts';
import { bindGroup, checkSize, checkWorkgroupSize, getPipeline, UniformCache, UniformWriter } from '../gpu.ts';
import type { GpuKernelWeights } from '../weights.ts';

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

/** Encodes memory attention into a caller's compute pass. */
export class AttentionKernel {
  private readonly uniforms: UniformCache;

  private constructor(
    private readonly device: GPUDevice,
    private readonly weights: GpuKernelWeights,
    private readonly memory: GPUComputePipeline,
  ) {
    this.uniforms = new UniformCache(device);
  }

  /** Compiles the entry point on `device` (cached per device). */
  static async create(device: GPUDevice, weights: GpuKernelWeights, tuning: AttentionTuning = {}): Promise<AttentionKernel> {
    const WG = checkWorkgroupSize(device, tuning.wg ?? 64);
    return new AttentionKernel(device, weights, await getPipeline(device, weightsCode + code, 'attend_memory', { WG }));
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
    const uni = new UniformWriter().u32(L).u32(len).u32(D).u32(K).u32(Ms).f32(1 / Math.sqrt(K)).u32(0).u32(0)
      .vec4u(this.weights.desc('mem')).vec4u(this.weights.desc('mem_keys'));
    pass.setPipeline(this.memory);
    pass.setBindGroup(0, bindGroup(this.device, this.memory, {
      0: this.weights.buffer, 1: this.uniforms.get(uni.bytes()), 2: io.U, 3: io.tex, 4: io.attn,
    }));
    pass.dispatchWorkgroups(L);
  }

  /** Frees the cached uniform buffers (pipelines stay cached per device). */
  destroy(): void {
    this.uniforms.destroy();
  }
}
