/**
 * Shared WebGPU plumbing for every kernel in workers/kernels: pipeline creation and caching,
 * uniform packing, buffer upload and readback. Kernels run on whatever GPUDevice they are given
 * (in the app, ORT's device), so nothing here creates a device.
 */

/** Byte stride between per-dispatch uniform slots (minUniformBufferOffsetAlignment is at most 256). */
export const UNIFORM_SLOT = 256;

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();
const moduleCache = new WeakMap<GPUDevice, Map<string, GPUShaderModule>>();

/** Compiles (once per device and source) and returns a compute pipeline with `layout: 'auto'`. */
export function getPipeline(
  device: GPUDevice,
  code: string,
  entryPoint: string,
  constants: Record<string, number> = {},
): Promise<GPUComputePipeline> {
  let pipes = pipelineCache.get(device);
  if (!pipes) pipelineCache.set(device, (pipes = new Map()));
  const key = `${entryPoint}|${JSON.stringify(constants)}|${code}`;
  const hit = pipes.get(key);
  if (hit) return hit;
  let mods = moduleCache.get(device);
  if (!mods) moduleCache.set(device, (mods = new Map()));
  let module = mods.get(code);
  if (!module) mods.set(code, (module = device.createShaderModule({ code, label: entryPoint })));
  const made = device.createComputePipelineAsync({
    label: entryPoint,
    layout: 'auto',
    compute: { module, entryPoint, constants },
  });
  pipes.set(key, made);
  made.catch(() => pipes.delete(key));
  return made;
}

/** Checks a workgroup-size tunable: a power of two (tree reductions) within the device limit. */
export function checkWorkgroupSize(device: GPUDevice, wg: number): number {
  const max = device.limits.maxComputeInvocationsPerWorkgroup;
  if (!Number.isInteger(wg) || wg < 1 || (wg & (wg - 1)) !== 0 || wg > max) {
    throw new RangeError(`workgroup size ${wg} must be a power of two <= ${max}`);
  }
  return wg;
}

/** Packs a WGSL uniform struct field by field (u32/f32 scalars and vec4<u32>), in declaration order. */
export class UniformWriter {
  private readonly words: number[] = [];
  private readonly view = new DataView(new ArrayBuffer(4));

  /** Appends a u32 field. */
  u32(x: number): this {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new RangeError(`not a u32: ${x}`);
    this.words.push(x >>> 0);
    return this;
  }

  /** Appends an f32 field (stored as its bit pattern). */
  f32(x: number): this {
    this.view.setFloat32(0, x, true);
    this.words.push(this.view.getUint32(0, true));
    return this;
  }

  /** Pads with zero words to the next 16-byte boundary, as WGSL requires before arrays and vectors. */
  align16(): this {
    while (this.words.length % 4 !== 0) this.words.push(0);
    return this;
  }

  /** Appends a 16-byte-aligned vec4<u32>. */
  vec4u(v: readonly [number, number, number, number]): this {
    this.align16();
    for (const x of v) this.u32(x);
    return this;
  }

  /** The packed struct, padded to a multiple of 16 bytes. */
  bytes(): Uint32Array<ArrayBuffer> {
    this.align16();
    return new Uint32Array(this.words);
  }
}

/** Creates a buffer whose size is rounded up to 4 bytes (WebGPU copies and bindings need it). */
export function createBuffer(device: GPUDevice, size: number, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
  return device.createBuffer({ size: Math.max(4, Math.ceil(size / 4) * 4), usage, label });
}

/** Default usage for kernel inputs/outputs: bindable as storage, copyable both ways. */
export function storageUsage(): GPUBufferUsageFlags {
  return GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
}

/** Uploads typed-array data into a new storage buffer. */
export function uploadBuffer(device: GPUDevice, data: ArrayBufferView, label?: string): GPUBuffer {
  const buf = createBuffer(device, data.byteLength, storageUsage(), label);
  writeBuffer(device, buf, 0, data);
  return buf;
}

/** queue.writeBuffer for any typed array, padding the tail to 4 bytes. */
export function writeBuffer(device: GPUDevice, buffer: GPUBuffer, offset: number, data: ArrayBufferView): void {
  const bytes = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  const padded = bytes.byteLength % 4 === 0 ? bytes : new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
  if (padded !== bytes) padded.set(bytes);
  device.queue.writeBuffer(buffer, offset, padded);
}

/** Copies `size` bytes of a GPU buffer back to the CPU (waits for queued work). */
export async function readBuffer(device: GPUDevice, buffer: GPUBuffer, size = buffer.size, offset = 0): Promise<ArrayBuffer> {
  const padded = Math.ceil(size / 4) * 4;
  const staging = device.createBuffer({ size: padded, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(buffer, offset, staging, 0, padded);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = staging.getMappedRange().slice(0, size);
  staging.unmap();
  staging.destroy();
  return out;
}

/** Reads a buffer back as f32 values. */
export async function readF32(device: GPUDevice, buffer: GPUBuffer, count: number): Promise<Float32Array> {
  return new Float32Array(await readBuffer(device, buffer, count * 4));
}

/** Reads a buffer back as u32 values. */
export async function readU32(device: GPUDevice, buffer: GPUBuffer, count: number): Promise<Uint32Array> {
  return new Uint32Array(await readBuffer(device, buffer, count * 4));
}

/** A binding: a whole buffer, or a range of one. */
export type Binding = GPUBuffer | GPUBufferBinding;

/** Builds a bind group for group 0 of an auto-layout pipeline from `binding number -> buffer`. */
export function bindGroup(device: GPUDevice, pipeline: GPUComputePipeline, entries: Record<number, Binding>): GPUBindGroup {
  return device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: Object.entries(entries).map(([b, r]) => ({
      binding: Number(b),
      resource: 'buffer' in r ? r : { buffer: r },
    })),
  });
}

/** Checks that a buffer can hold `count` 4-byte values, naming the tensor in the error. */
export function checkSize(name: string, buffer: GPUBuffer, count: number): void {
  if (buffer.size < count * 4) throw new RangeError(`${name}: buffer has ${buffer.size} bytes, needs ${count * 4}`);
}

/** Uniform buffers keyed by content: params repeat across turns (only `len` varies), so each is written once. */
export class UniformCache {
  private readonly buffers = new Map<string, GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  /** A uniform buffer holding exactly `words` (created and written on first use). */
  get(words: Uint32Array<ArrayBuffer>): GPUBuffer {
    const key = words.join(',');
    let buf = this.buffers.get(key);
    if (!buf) {
      buf = this.device.createBuffer({ size: words.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buf, 0, words);
      this.buffers.set(key, buf);
    }
    return buf;
  }

  /** Frees every cached buffer. */
  destroy(): void {
    for (const b of this.buffers.values()) b.destroy();
    this.buffers.clear();
  }
}

/** Whether two named buffer sets are the same buffers (to reuse bind groups across turns). */
export function sameBuffers(a: Record<string, unknown> | undefined, b: Record<string, unknown>): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
