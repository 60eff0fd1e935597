// Benchmark page (loaded by scripts/bench-kernels.ts in Chromium): our fused kernels vs the same math as an
// ONNX graph on ORT's WebGPU EP, vs ORT WASM, vs our CPU reference, all on ORT's own GPUDevice.
import type * as OrtModule from 'onnxruntime-web';
import { fusionFlops, otherTurnFlops } from './flops.ts';
import { pageDevice, report } from './page-report.ts';
import { measurePeak } from './peak.ts';
import { timeRounds, type Timing } from './timing.ts';
import { BENCH_THRESHOLD, benchInputs, OurKernels, withBtg, type BenchInputs } from './ours.ts';
import { attendMemoryRef } from '../../workers/kernels/attention/attention.ref.ts';
import { compositeFeaturesRef } from '../../workers/kernels/composite/composite.ref.ts';
import type { KernelDims } from '../../workers/kernels/dims.ts';
import { fusionRef, fusionWeights } from '../../workers/kernels/fusion/fusion.ref.ts';
import { trackerRef, trackerWeights } from '../../workers/kernels/tracker/tracker.ref.ts';
import { KernelWeights, type KernelLayout } from '../../workers/kernels/weights.ts';

type Ort = typeof OrtModule;
const q = new URLSearchParams(location.search);
const DATA = q.get('data') ?? '/benchdata';
const BUDGET = Number(q.get('budget') ?? 1500);

/** One timed configuration. */
interface Row extends Timing {
  task: 'fusion' | 'turn';
  backend: string;
  regionSteps: number;
  flops: number;
  gflops: number;
}

const bytes = async (p: string) => new Uint8Array(await (await fetch(`${DATA}/${p}`)).arrayBuffer());
const json = async <T>(p: string) => (await (await fetch(`${DATA}/${p}`)).json()) as T;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let e = 0; e < a.length; e++) m = Math.max(m, Math.abs(a[e]! - b[e]!));
  return m;
};

report(async () => {
  const { dims: d, btg } = await json<{ dims: KernelDims; btg: number }>('dims.json');
  const len = Number(q.get('len') ?? 20);
  const N = d.G * d.G;
  const kw = new KernelWeights((await bytes('kernels.bin')).buffer as ArrayBuffer, await json<KernelLayout>('kernels.json'));
  const [fusionOnnx, middleOnnx] = await Promise.all([bytes('fusion.onnx'), bytes('middle.onnx')]);
  const ortUrl = '/ort/ort.min.mjs';
  const ort = (await import(/* @vite-ignore */ ortUrl)) as Ort;
  ort.env.wasm.wasmPaths = '/ort/';
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const gpuOpts = { executionProviders: ['webgpu'], preferredOutputLocation: 'gpu-buffer' as const };
  const gpuFusion = await ort.InferenceSession.create(fusionOnnx, gpuOpts);
  const gpuMiddle = await ort.InferenceSession.create(middleOnnx, gpuOpts);
  // ORT ignores a device we pass in; its own device exists once a WebGPU session does, and we build on it.
  const device = (await ort.env.webgpu.device) as GPUDevice;
  const ortAdapter = ort.env.webgpu.adapter as GPUAdapter | undefined;
  const adapter = ortAdapter ?? (await pageDevice()).adapter;
  const wasmFusion = await ort.InferenceSession.create(fusionOnnx, { executionProviders: ['wasm'] });
  const wasmMiddle = await ort.InferenceSession.create(middleOnnx, { executionProviders: ['wasm'] });

  const x: BenchInputs = benchInputs(d, len, 99);
  const ours = await OurKernels.create(device, kw, d, len, x);
  // Workgroup size is an override tunable: pick the fastest on this adapter (all T steps, so data-independent).
  const wgs = [8, 16, 32, 64];
  const wgKernels = await Promise.all(wgs.map((wg) => ours.makeFusion(kw, wg)));
  const wgTimes = await timeRounds(Object.fromEntries(wgs.map((wg, k) => [wg, () => ours.fusion(false, wgKernels[k])])), BUDGET);
  const tuning = wgs.map((wg) => ({ wg, ...wgTimes[wg]! }));
  const best = tuning.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const bestWg = best.wg;
  ours.useFusion(wgKernels[wgs.indexOf(bestWg)]!);
  const shapes: Record<keyof BenchInputs, number[]> = {
    U: [1, d.L, d.K], keys: [1, d.L, d.D], tex: [1, d.L, d.D], s: [1, d.K], V: [1, d.D, d.G, d.G],
    vbar: [1, d.D], h: [1, d.H], init: [1, d.D], valid: [1, d.L],
  };
  const gpuFeed = (names: (keyof BenchInputs)[]) => Object.fromEntries(names.map((n) => [n,
    ort.Tensor.fromGpuBuffer(ours.buf[n]!, { dataType: 'float32', dims: shapes[n] })]));
  const cpuFeed = (names: (keyof BenchInputs)[]) => Object.fromEntries(names.map((n) => [n,
    new ort.Tensor('float32', x[n], shapes[n])]));
  const fusionNames: (keyof BenchInputs)[] = ['V', 'init', 'keys', 'U', 'tex', 'valid'];
  const middleNames: (keyof BenchInputs)[] = ['U', 'keys', 's', 'V', 'vbar', 'h', 'valid'];
  const runGpu = async (s: OrtModule.InferenceSession, feeds: Record<string, OrtModule.Tensor>) => {
    const out = await s.run(feeds);
    await device.queue.onSubmittedWorkDone();
    return out;
  };
  const disposeAll = (o: Record<string, OrtModule.Tensor>) => Object.values(o).forEach((t) => t.dispose());

  // Correctness first: ORT's graph and our kernels compute the same thing on the same inputs.
  await ours.fusion();
  const ourFusion = await ours.read();
  const ortFusion = await runGpu(gpuFusion, gpuFeed(fusionNames));
  const ortSteps = (await ortFusion.steps!.getData()) as Float32Array;
  const check = {
    fusionO: maxDiff(ourFusion.O, (await ortFusion.O!.getData()) as Float32Array),
    fusionBeta: maxDiff(ourFusion.beta, (await ortFusion.beta!.getData()) as Float32Array),
    fusionStepsEqual: Array.from(ortSteps).every((s, i) => s === ourFusion.steps[i]),
    turnF: 0,
  };
  disposeAll(ortFusion);
  await ours.turn();
  const ortTurn = await runGpu(gpuMiddle, gpuFeed(middleNames));
  check.turnF = maxDiff((await ours.read(true)).F!, (await ortTurn.F!.getData()) as Float32Array);
  disposeAll(ortTurn);
  const regionSteps = ourFusion.steps.reduce((a, b) => a + b, 0);
  const turnRegionSteps = (await ours.read(true)).steps.reduce((a, b) => a + b, 0);

  const rows: Row[] = [];
  const add = (task: Row['task'], backend: string, t: Timing, rs: number) => {
    const flops = fusionFlops(d, len, rs) + (task === 'turn' ? otherTurnFlops(d, len) : 0);
    rows.push({ task, backend, regionSteps: rs, flops, gflops: flops / (t.medianMs * 1e6), ...t });
  };
  const fw = fusionWeights(kw);
  const tw = trackerWeights(kw);
  const stop = { adaptive: true, threshold: BENCH_THRESHOLD };
  const cpuTurn = () => {
    const { tex } = attendMemoryRef(x.U, kw.f32('mem'), kw.f32('mem_keys'), { ...d, len });
    const tr = trackerRef(tw, { s: x.s, vbar: x.vbar, h: x.h, tex }, d, len);
    const fu = fusionRef(fw, { V: x.V, init: tr.init, keys: x.keys, U: x.U, tex }, d, len, stop);
    return compositeFeaturesRef(fu.O, x.V, tr.g, N, d.D);
  };
  const gf = gpuFeed(fusionNames);
  const gm = gpuFeed(middleNames);
  const cf = cpuFeed(fusionNames);
  const cm = cpuFeed(middleNames);
  const t = await timeRounds({
    ours: () => ours.fusion(),
    oursAll: () => ours.fusion(false),
    ortGpu: async () => disposeAll(await runGpu(gpuFusion, gf)),
    ortWasm: () => wasmFusion.run(cf),
    cpu: async () => fusionRef(fw, x, d, len, stop),
    turnOurs: () => ours.turn(),
    turnOrtGpu: async () => disposeAll(await runGpu(gpuMiddle, gm)),
    turnOrtWasm: () => wasmMiddle.run(cm),
    turnCpu: async () => cpuTurn(),
  }, 10 * BUDGET, 9);
  add('fusion', 'ours WGSL (adaptive)', t.ours!, regionSteps);
  add('fusion', 'ours WGSL (all T steps)', t.oursAll!, N * d.T);
  add('fusion', 'ORT WebGPU', t.ortGpu!, N * d.T);
  add('fusion', 'ORT WASM', t.ortWasm!, N * d.T);
  add('fusion', 'CPU reference', t.cpu!, regionSteps);
  add('turn', 'ours WGSL (adaptive)', t.turnOurs!, turnRegionSteps);
  add('turn', 'ORT WebGPU', t.turnOrtGpu!, N * d.T);
  add('turn', 'ORT WASM', t.turnOrtWasm!, N * d.T);
  add('turn', 'CPU reference', t.turnCpu!, turnRegionSteps);

  // Work saved: termination biases from "all stop at step 1" to "none stop early", timed round-robin.
  const btgs = [60, 1.25, 1, 0.85, 0.75, 0.65, 0.5, 0.25, -60];
  const sweepKernels = await Promise.all(btgs.map((b) => ours.makeFusion(withBtg(kw, b), bestWg)));
  const sweepSteps: number[] = [];
  for (const k of sweepKernels) {
    await ours.fusion(true, k);
    sweepSteps.push((await k.activeCounts()).reduce((a, c) => a + c, 0));
  }
  const st = await timeRounds(Object.fromEntries(btgs.map((b, k) => [b, () => ours.fusion(true, sweepKernels[k])])), 2 * BUDGET);
  const sweep = btgs.map((b, k) => ({ btg: b, regionSteps: sweepSteps[k]!, fractionSkipped: 1 - sweepSteps[k]! / (N * d.T), ...st[b]! }));

  const peak = await measurePeak(device);
  const info = adapter.info;
  return {
    dims: d, len, btg, N, regionSteps, check, rows, sweep, peak, tuning, bestWg,
    adapter: {
      vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
      isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? null,
      maxComputeInvocationsPerWorkgroup: device.limits.maxComputeInvocationsPerWorkgroup,
      maxStorageBuffersPerShaderStage: device.limits.maxStorageBuffersPerShaderStage,
    },
    userAgent: navigator.userAgent,
    ort: ort.env.versions,
  };
});
