/** WebGPU availability and adapter description, probed without creating ORT sessions. */

/** What the browser's WebGPU adapter is, or why there is none. */
export interface AdapterProbe {
  available: boolean;
  description: string;
}

/** Requests an adapter and describes it (vendor, architecture, device, and whether it is a CPU fallback). */
export async function probeWebGpu(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { available: false, description: 'WebGPU is not available in this browser' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { available: false, description: `WebGPU adapter request failed: ${(e as Error).message}` };
  }
  if (!adapter) return { available: false, description: 'No WebGPU adapter found' };
  return { available: true, description: describeAdapter(adapter.info, adapter.info.isFallbackAdapter) };
}

/** Formats adapter info compactly, e.g. "google / swiftshader (fallback)". */
export function describeAdapter(info: GPUAdapterInfo | undefined, fallback = false): string {
  if (!info) return 'unknown adapter';
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && s.length > 0);
  const unique = [...new Set(parts)];
  const text = unique.length > 0 ? unique.join(' / ') : 'unnamed adapter';
  return fallback ? `${text} (fallback)` : text;
}
