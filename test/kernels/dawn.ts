/** A Dawn (npm `webgpu`) GPUDevice for the kernel tests; SwiftShader via VK_ICD_FILENAMES set in vitest.config.ts. */
import { create, globals } from 'webgpu';

let devicePromise: Promise<GPUDevice> | undefined;
// Dawn's instance must outlive the device: if it is garbage-collected, SwiftShader's threads crash mid-dispatch.
const keepAlive: GPU[] = [];

/** One shared device per test worker; validation errors fail loudly instead of being swallowed. */
export function dawnDevice(): Promise<GPUDevice> {
  devicePromise ??= (async () => {
    Object.assign(globalThis, globals);
    const gpu = create([]);
    keepAlive.push(gpu);
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error('Dawn found no adapter (is VK_ICD_FILENAMES set to SwiftShader?)');
    const device = await adapter.requestDevice();
    device.addEventListener('uncapturederror', (e) => {
      throw new Error(`WebGPU error: ${(e as GPUUncapturedErrorEvent).error.message}`);
    });
    return device;
  })();
  return devicePromise;
}

/** Runs `fn` inside a validation error scope and rethrows the first error it produced. */
export async function checked<T>(device: GPUDevice, fn: () => Promise<T>): Promise<T> {
  device.pushErrorScope('validation');
  const out = await fn();
  const err = await device.popErrorScope();
  if (err) throw new Error(`WebGPU validation: ${err.message}`);
  return out;
}
