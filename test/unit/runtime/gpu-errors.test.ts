/** gpuChecked and watchUncaptured on a stand-in device: errors WebGPU only reports to scopes become exceptions. */
import { describe, expect, it } from 'vitest';
import { gpuChecked, watchUncaptured } from '../../../workers/runtime/gpu-errors.ts';

/** A device whose scopes catch what `fail` pushes while they are open. */
function device() {
  const scopes: { filter: string; error: { message: string } | null }[] = [];
  const target = new EventTarget();
  return {
    scopes,
    fail(filter: string, message: string) {
      const scope = [...scopes].reverse().find((s) => s.filter === filter);
      if (scope) scope.error ??= { message };
      else target.dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message } }));
    },
    pushErrorScope: (filter: string) => void scopes.push({ filter, error: null }),
    popErrorScope: async () => scopes.pop()!.error,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  };
}

describe('GPU error scopes', () => {
  it('passes a clean step through and leaves the scope stack balanced', async () => {
    const d = device();
    expect(await gpuChecked(d as unknown as GPUDevice, 'a test', async () => 7)).toBe(7);
    expect(d.scopes).toEqual([]);
  });

  it('turns a validation or memory error into a GpuError, and keeps a thrown error as it is', async () => {
    const d = device();
    const gpu = d as unknown as GPUDevice;
    await expect(gpuChecked(gpu, 'an edit', async () => d.fail('validation', 'binding too small'))).rejects.toMatchObject({
      name: 'GpuError', message: 'A GPU step failed during an edit: binding too small',
    });
    await expect(gpuChecked(gpu, 'an edit', async () => d.fail('out-of-memory', 'oom'))).rejects.toThrow(/ran out of memory during an edit/);
    await expect(gpuChecked(gpu, 'an edit', async () => { throw new Error('session failed'); })).rejects.toThrow('session failed');
    expect(d.scopes).toEqual([]);
  });

  it('reports errors outside any scope to the watcher until unsubscribed', () => {
    const d = device();
    const seen: string[] = [];
    const stop = watchUncaptured(d as unknown as GPUDevice, (m) => seen.push(m));
    d.fail('validation', 'first');
    stop();
    d.fail('validation', 'second');
    expect(seen).toEqual(['first']);
  });
});
