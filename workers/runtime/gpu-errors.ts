/**
 * GPU errors made visible: WebGPU reports validation and out-of-memory errors only to error scopes or the
 * device's `uncapturederror` event, never as exceptions, so without these a failed step returns garbage quietly.
 */
import { GpuError } from '../errors.ts';

/** Runs `run` inside validation and out-of-memory scopes; throws GpuError for anything they caught. */
export async function gpuChecked<T>(device: GPUDevice, what: string, run: () => Promise<T>): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T | undefined;
  let thrown: unknown = null;
  try {
    result = await run();
  } catch (e) {
    thrown = e ?? new Error('unknown failure');
  }
  // Scopes are popped in every case so that the device's scope stack stays balanced.
  const validation = await device.popErrorScope();
  const memory = await device.popErrorScope();
  if (thrown) throw thrown;
  if (memory) throw new GpuError(`The GPU ran out of memory during ${what}.`);
  if (validation) throw new GpuError(`A GPU step failed during ${what}: ${validation.message}`);
  return result as T;
}

/** Calls `onError` for GPU errors no scope caught (from ORT's work or ours); returns the unsubscribe. */
export function watchUncaptured(device: GPUDevice, onError: (message: string) => void): () => void {
  const listener = (e: Event) => onError((e as GPUUncapturedErrorEvent).error?.message ?? 'unknown GPU error');
  device.addEventListener('uncapturederror', listener);
  return () => device.removeEventListener('uncapturederror', listener);
}
