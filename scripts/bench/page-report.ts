/** Browser side of scripts/bench/browser.ts: a page module publishes its result (or failure) here. */

/** Runs `work` and stores its result as `window.result`, or its error as `window.failure`. */
export function report(work: () => Promise<unknown>): void {
  const w = window as unknown as { result?: unknown; failure?: string };
  work().then(
    (r) => (w.result = r),
    (e: unknown) => (w.failure = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)),
  );
}

/** A WebGPU device from the page's own adapter, with validation errors surfaced as exceptions. */
export async function pageDevice(): Promise<{ device: GPUDevice; adapter: GPUAdapter }> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter in this browser');
  const device = await adapter.requestDevice();
  return { device, adapter };
}
