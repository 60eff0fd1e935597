/**
 * Kernel weights: `kernels.bin` (one little-endian byte blob) + `kernels.json` (its layout), per models/MATH.md.
 *
 * `kernels.json` is `{"version": 1, "tensors": [entry, ...]}` (a bare array of entries is also accepted), where
 * each entry is `{"name": str, "shape": int[], "dtype": "f32" | "i8", "offset": int, "scaleOffset"?: int}`:
 * - `offset` / `scaleOffset` are byte offsets into kernels.bin, each a multiple of 4.
 * - f32: `prod(shape)` little-endian float32 values in row-major (C) order at `offset`.
 * - i8: `prod(shape)` signed bytes (two's complement, row-major) at `offset`, the tensor padded with zero bytes
 *   to a multiple of 4; per output channel (first dim) scales: `shape[0]` float32 at `scaleOffset`.
 *   Value: `w[o, ...] = q[o, ...] * scale[o]`. A 1-D tensor therefore has one scale per element.
 * - Tensors may appear in any order and must not overlap; unnamed bytes are ignored. Shapes are PyTorch's:
 *   linear `(out, in)`, conv `(Cout, Cin, 3, 3)`, GRUCell `w_ih (3H, K+D)` with gate order r, z, n.
 * Writers quantize with `scale[o] = max|w[o]| / 127` (1 when the row is all zero) and `q = round(w / scale)`
 * clamped to [-127, 127]; readers only rely on q and scale, so any rounding rule is valid.
 *
 * On the GPU the whole blob is one storage buffer read as `array<u32>`; each tensor is described to a shader
 * by a vec4<u32> `(offset / 4, scaleOffset / 4, isI8, rowLen)` and dequantized in the shader (attention,
 * tracker). The fusion kernel instead uploads a permuted copy of its tensors (fusion/fusion-pack.ts), still
 * int8 with the same scales, for contiguous vec4 loads.
 */
import { createBuffer, storageUsage, writeBuffer } from './gpu.ts';
import { PackError } from '../errors.ts';

/** One tensor of kernels.json. */
export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: 'f32' | 'i8';
  offset: number;
  scaleOffset?: number;
}

/** The kernels.json document. */
export interface KernelLayout {
  version: 1;
  tensors: TensorEntry[];
}

/** Number of elements of a shape. */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Read-only view over kernels.bin + kernels.json, with dequantizing accessors; layout problems throw PackError. */
export class KernelWeights {
  readonly tensors: ReadonlyMap<string, TensorEntry>;

  constructor(
    readonly bin: ArrayBuffer,
    layout: KernelLayout | TensorEntry[],
  ) {
    const list = Array.isArray(layout) ? layout : layout.tensors;
    const map = new Map<string, TensorEntry>();
    for (const t of list) {
      checkEntry(t, bin.byteLength);
      if (map.has(t.name)) throw new PackError(`kernels.json: duplicate tensor ${t.name}`);
      map.set(t.name, t);
    }
    this.tensors = map;
  }

  /** The layout entry of a tensor (throws when missing). */
  entry(name: string): TensorEntry {
    const t = this.tensors.get(name);
    if (!t) throw new PackError(`kernels.json: missing tensor ${name}`);
    return t;
  }

  /** Whether the blob holds this tensor. */
  has(name: string): boolean {
    return this.tensors.has(name);
  }

  /** The tensor as f32, dequantized (`q * scale[o]`) when stored as i8. */
  f32(name: string): Float32Array {
    const t = this.entry(name);
    const n = numel(t.shape);
    if (t.dtype === 'f32') return new Float32Array(this.bin.slice(t.offset, t.offset + 4 * n));
    const q = new Int8Array(this.bin, t.offset, n);
    const scale = new Float32Array(this.bin, t.scaleOffset!, t.shape[0]!);
    const row = n / t.shape[0]!;
    const out = new Float32Array(n);
    for (let e = 0; e < n; e++) out[e] = q[e]! * scale[Math.floor(e / row)]!;
    return out;
  }

  /** Checks a tensor's shape, naming it in the error. */
  expectShape(name: string, shape: readonly number[]): void {
    const got = this.entry(name).shape;
    if (got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
      throw new PackError(`kernels.json: ${name} has shape [${got}], expected [${shape}]`);
    }
  }
}

function checkEntry(t: TensorEntry, size: number): void {
  const bad = (why: string) => new PackError(`kernels.json: tensor ${t.name}: ${why}`);
  if (!Array.isArray(t.shape) || t.shape.length === 0 || t.shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw bad(`bad shape [${t.shape}]`);
  }
  if (t.offset % 4 !== 0) throw bad('offset not 4-byte aligned');
  const n = numel(t.shape);
  if (t.dtype === 'f32') {
    if (t.offset + 4 * n > size) throw bad('runs past the end of kernels.bin');
  } else if (t.dtype === 'i8') {
    if (t.scaleOffset === undefined || t.scaleOffset % 4 !== 0) throw bad('i8 needs a 4-byte aligned scaleOffset');
    if (t.offset + n > size || t.scaleOffset + 4 * t.shape[0]! > size) throw bad('runs past the end of kernels.bin');
  } else {
    throw bad(`unknown dtype ${String(t.dtype)}`);
  }
}

/** Per-output-channel symmetric int8 quantization of a row-major tensor whose first dim is `rows`. */
export function quantizePerChannel(w: Float32Array, rows: number): { q: Int8Array; scales: Float32Array } {
  const row = w.length / rows;
  const q = new Int8Array(w.length);
  const scales = new Float32Array(rows);
  for (let o = 0; o < rows; o++) {
    let max = 0;
    for (let e = o * row; e < (o + 1) * row; e++) max = Math.max(max, Math.abs(w[e]!));
    const s = Math.fround(max > 0 ? max / 127 : 1);
    scales[o] = s;
    for (let e = o * row; e < (o + 1) * row; e++) q[e] = Math.max(-127, Math.min(127, Math.round(w[e]! / s)));
  }
  return { q, scales };
}

/** A tensor to pack: f32 data, stored as f32 or quantized to i8. */
export interface TensorSource {
  name: string;
  shape: number[];
  data: Float32Array;
  dtype: 'f32' | 'i8';
}

/** Builds kernels.bin + kernels.json from f32 tensors (quantizing those marked i8). */
export function buildKernelBlob(tensors: readonly TensorSource[]): { bin: ArrayBuffer; layout: KernelLayout } {
  const align = (x: number) => Math.ceil(x / 4) * 4;
  const entries: TensorEntry[] = [];
  let size = 0;
  for (const t of tensors) {
    const n = numel(t.shape);
    if (t.data.length !== n) throw new Error(`${t.name}: ${t.data.length} values for shape [${t.shape}]`);
    const e: TensorEntry = { name: t.name, shape: [...t.shape], dtype: t.dtype, offset: size };
    size += align(t.dtype === 'f32' ? 4 * n : n);
    if (t.dtype === 'i8') {
      e.scaleOffset = size;
      size += 4 * t.shape[0]!;
    }
    entries.push(e);
  }
  const bin = new ArrayBuffer(size);
  tensors.forEach((t, k) => {
    const e = entries[k]!;
    if (t.dtype === 'f32') {
      new Float32Array(bin, e.offset, t.data.length).set(t.data);
    } else {
      const { q, scales } = quantizePerChannel(t.data, t.shape[0]!);
      new Int8Array(bin, e.offset, q.length).set(q);
      new Float32Array(bin, e.scaleOffset!, scales.length).set(scales);
    }
  });
  return { bin, layout: { version: 1, tensors: entries } };
}

/** Shader descriptor of a tensor: vec4<u32>(offset/4, scaleOffset/4, isI8, rowLen). */
export type TensorDesc = readonly [number, number, number, number];

/** The weight blob on a GPUDevice plus the per-tensor shader descriptors. */
export class GpuKernelWeights {
  private constructor(
    readonly weights: KernelWeights,
    readonly buffer: GPUBuffer,
  ) {}

  /** Uploads kernels.bin once; every kernel binds this single buffer. */
  static upload(device: GPUDevice, weights: KernelWeights): GpuKernelWeights {
    const buf = createBuffer(device, weights.bin.byteLength, storageUsage(), 'kernels.bin');
    writeBuffer(device, buf, 0, new Uint8Array(weights.bin));
    return new GpuKernelWeights(weights, buf);
  }

  /** The vec4<u32> that the shaders' `wraw`/`wscale` helpers take for this tensor. */
  desc(name: string): TensorDesc {
    const t = this.weights.entry(name);
    const rowLen = numel(t.shape) / t.shape[0]!;
    return [t.offset / 4, (t.scaleOffset ?? 0) / 4, t.dtype === 'i8' ? 1 : 0, rowLen];
  }

  /** Frees the GPU buffer. */
  destroy(): void {
    this.buffer.destroy();
  }
}
