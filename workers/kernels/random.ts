/** Seeded random inputs and weights for the kernel cases (tests and benchmark), identical in Node and browsers. */
import { weightShapes, type KernelDims } from './dims.ts';
import { buildKernelBlob, KernelWeights, numel, type TensorSource } from './weights.ts';

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` uniform values in [-scale, scale). */
export function uniform(next: () => number, n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * next() - 1) * scale;
  return out;
}

/** Options for random kernel weights. */
export interface RandomWeightOptions {
  /** Store every matrix / conv weight (ndim >= 2) as per-channel int8, as quantize.py does. */
  i8?: boolean;
  /** Termination gate bias: large positive stops every region at step 1, large negative never. */
  btg?: number;
  /** Scale of the termination gate weights (0 makes p = sigmoid(btg) everywhere). */
  wtgScale?: number;
}

/** A full random kernels.bin + layout for `d`, fan-in scaled so the GRU dynamics stay in range. */
export function randomKernelWeights(d: KernelDims, seed: number, opts: RandomWeightOptions = {}): KernelWeights {
  const next = rng(seed);
  const tensors: TensorSource[] = Object.entries(weightShapes(d)).map(([name, shape]) => {
    const fanIn = shape.length > 1 ? numel(shape) / shape[0]! : 4;
    let data = uniform(next, numel(shape), 1.5 / Math.sqrt(fanIn));
    if (name === 'mem') data = uniform(next, numel(shape), 1);
    if (name === 'fusion.w_tg') data = uniform(next, numel(shape), (opts.wtgScale ?? 1) * 2 / Math.sqrt(d.D));
    if (name === 'fusion.b_tg') data = new Float32Array([opts.btg ?? 0]);
    return { name, shape, data, dtype: opts.i8 && shape.length >= 2 ? 'i8' : 'f32' };
  });
  const { bin, layout } = buildKernelBlob(tensors);
  return new KernelWeights(bin, layout);
}
