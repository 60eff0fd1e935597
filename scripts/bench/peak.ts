/** Measures the adapter's attainable f32 GFLOP/s with an FMA-bound probe (peak.wgsl). */
import code from './peak.wgsl?raw';
import { timeIt } from './timing.ts';
import { bindGroup, createBuffer, getPipeline, storageUsage, UniformWriter } from '../../workers/kernels/gpu.ts';

/** Probe result: GFLOP/s and the launch it was measured with. */
export interface Peak {
  gflops: number;
  threads: number;
  iters: number;
  ms: number;
}

/** Grows the iteration count until one dispatch takes ~targetMs, then times it. */
export async function measurePeak(device: GPUDevice, targetMs = 150): Promise<Peak> {
  const WG = 64;
  const groups = 512;
  const threads = WG * groups;
  const pipe = await getPipeline(device, code, 'main', { WG });
  const out = createBuffer(device, 4 * threads, storageUsage());
  const run = async (iters: number) => {
    const u = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(u, 0, new UniformWriter().u32(iters).bytes());
    const bg = bindGroup(device, pipe, { 0: out, 1: u });
    return timeIt(async () => {
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(pipe);
      pass.setBindGroup(0, bg);
      pass.dispatchWorkgroups(groups);
      pass.end();
      device.queue.submit([enc.finish()]);
      await device.queue.onSubmittedWorkDone();
    }, 600, { warmup: 1, minIters: 3, maxIters: 10 });
  };
  let iters = 64;
  let t = await run(iters);
  while (t.medianMs < targetMs / 2 && iters < 1 << 20) {
    iters *= Math.min(16, Math.max(2, Math.round(targetMs / Math.max(t.medianMs, 0.05))));
    t = await run(iters);
  }
  out.destroy();
  // The best run is the attainable peak (a shared CPU only ever slows SwiftShader down).
  return { gflops: (threads * iters * 32) / (t.minMs * 1e6), threads, iters, ms: t.minMs };
}
