/**
 * The only module that imports onnxruntime-web: backend flags, wasm location, logging and session creation.
 * In Node the package resolves to its WASM-only build; in the browser to the JSEP build with WebGPU.
 */
import * as ort from 'onnxruntime-web';
import type { BackendKind } from '../engine.ts';

export { ort };
export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

let configured = false;

/** Points ORT at our own copy of its wasm (no CDN) and picks single-threaded WASM unless cross-origin isolated. */
export function configureOrt(wasmUrl?: string): void {
  if (configured) return;
  configured = true;
  if (wasmUrl) ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  // Static hosting has no COOP/COEP headers, so SharedArrayBuffer (and thus wasm threads) is unavailable.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  ort.env.wasm.numThreads = isolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
}

/** Creates a session on one backend; on WebGPU, the outputs named in `gpuOutputs` stay on the device. */
export async function createSession(
  model: Uint8Array,
  backend: BackendKind,
  gpuOutputs: readonly string[] = [],
): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  };
  if (backend === 'webgpu' && gpuOutputs.length > 0) {
    options.preferredOutputLocation = Object.fromEntries(gpuOutputs.map((n) => [n, 'gpu-buffer' as const]));
  }
  return ort.InferenceSession.create(model, options);
}

/** Wraps a GPUBuffer of float32 values as an ORT input without copying it. */
export function gpuTensor(buffer: GPUBuffer, dims: readonly number[]): ort.Tensor {
  return ort.Tensor.fromGpuBuffer(buffer as never, { dataType: 'float32', dims });
}

/** ORT's GPUDevice, available after the first WebGPU session exists; our kernels run on it. */
export async function ortDevice(): Promise<GPUDevice> {
  return (await ort.env.webgpu.device) as GPUDevice;
}

/** The ORT version string shown in the UI. */
export function ortVersion(): string {
  return ort.env.versions?.web ?? ort.env.versions?.common ?? 'unknown';
}
