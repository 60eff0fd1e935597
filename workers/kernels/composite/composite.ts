/** WGSL compositing wrapper: target-localization gate on feature maps, and mask compositing on pixels. */
import code from './composite.wgsl?raw';
import { bindGroup, checkSize, checkWorkgroupSize, getPipeline, UniformCache, UniformWriter } from '../gpu.ts';

/** GPU buffers for feature-mode compositing: O, V (D, N), g (D) -> F (D, N), alpha (N). */
export interface FeatureCompositeIO {
  O: GPUBuffer;
  V: GPUBuffer;
  g: GPUBuffer;
  F: GPUBuffer;
  alpha: GPUBuffer;
}

/** GPU buffers for pixel-mode compositing: rgb, source (C, P), maskLogit (P) -> out (C, P), m (P). */
export interface PixelCompositeIO {
  rgb: GPUBuffer;
  maskLogit: GPUBuffer;
  source: GPUBuffer;
  out: GPUBuffer;
  m: GPUBuffer;
}

/** Tunables: workgroup size (power of two). */
export interface CompositeTuning {
  wg?: number;
}

/** Encodes compositing dispatches into a caller's compute pass. */
export class CompositeKernel {
  private readonly uniforms: UniformCache;

  private constructor(
    private readonly device: GPUDevice,
    private readonly wg: number,
    private readonly features: GPUComputePipeline,
    private readonly pixels: GPUComputePipeline,
  ) {
    this.uniforms = new UniformCache(device);
  }

  /** Compiles both entry points on `device`. */
  static async create(device: GPUDevice, tuning: CompositeTuning = {}): Promise<CompositeKernel> {
    const WG = checkWorkgroupSize(device, tuning.wg ?? 64);
    const [features, pixels] = await Promise.all([
      getPipeline(device, code, 'features', { WG }),
      getPipeline(device, code, 'pixels', { WG }),
    ]);
    return new CompositeKernel(device, WG, features, pixels);
  }

  private params(N: number, D: number, P: number, C: number, lo: number, hi: number): GPUBuffer {
    return this.uniforms.get(new UniformWriter().u32(N).u32(D).u32(P).u32(C).f32(lo).f32(hi).bytes());
  }

  /** Target localization over N regions of dim D. */
  encodeFeatures(pass: GPUComputePassEncoder, io: FeatureCompositeIO, d: { N: number; D: number }): void {
    const { N, D } = d;
    for (const [n, count] of [['O', D * N], ['V', D * N], ['g', D], ['F', D * N], ['alpha', N]] as const) {
      checkSize(n, io[n], count);
    }
    pass.setPipeline(this.features);
    pass.setBindGroup(0, bindGroup(this.device, this.features, {
      1: this.params(N, D, 0, 0, 0, 1), 2: io.O, 3: io.V, 4: io.g, 5: io.F, 6: io.alpha,
    }));
    pass.dispatchWorkgroups(Math.ceil(N / this.wg));
  }

  /** Mask compositing over P pixels of C channels, with the manifest's `lo < hi`. */
  encodePixels(
    pass: GPUComputePassEncoder, io: PixelCompositeIO, d: { P: number; C: number; lo: number; hi: number },
  ): void {
    const { P, C, lo, hi } = d;
    if (!(hi > lo)) throw new RangeError(`mask range needs lo < hi, got ${lo}, ${hi}`);
    for (const [n, count] of [['rgb', C * P], ['maskLogit', P], ['source', C * P], ['out', C * P], ['m', P]] as const) {
      checkSize(n, io[n], count);
    }
    pass.setPipeline(this.pixels);
    pass.setBindGroup(0, bindGroup(this.device, this.pixels, {
      1: this.params(0, 0, P, C, lo, hi), 7: io.rgb, 8: io.maskLogit, 9: io.source, 10: io.out, 11: io.m,
    }));
    pass.dispatchWorkgroups(Math.ceil(P / this.wg));
  }

  /** Frees the cached uniform buffers. */
  destroy(): void {
    this.uniforms.destroy();
  }
}
