/**
 * npm run bench:fusion-cpu [-- --pack DIR --turns N --reps N]
 * The WASM path's fusion, before and after, in one Node run (ORT-WASM single-threaded, as in the app without
 * cross-origin isolation): whole turns with fusionRef vs FusionCpu, interleaved, per-stage means; then fusion
 * alone on each turn's real inputs, reference vs fast, adaptive vs all T steps (what termination saves).
 * With --ort DIR (from `python3 models/kernel_fixture.py --onnx DIR`): also ORT-WASM on that fusion graph (all T
 * steps over the whole grid, as ORT cannot skip stopped regions) vs FusionCpu on the same weights and inputs.
 * Compare the ratios: other processes may share the CPU. Writes bench/fusion-cpu-<timestamp>.{json,md}.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { benchRequests } from './bench/requests.ts';
import { fileSource } from './lib/file-source.ts';
import { fail, packDir, parseCli } from './lib/cli.ts';
import { attendMemoryRef } from '../workers/kernels/attention/attention.ref.ts';
import { FusionCpu } from '../workers/kernels/fusion/fusion.cpu.ts';
import { fusionRef, fusionWeights, type FusionInputs, type FusionResult } from '../workers/kernels/fusion/fusion.ref.ts';
import { rng, uniform } from '../workers/kernels/random.ts';
import { trackerRef, trackerWeights } from '../workers/kernels/tracker/tracker.ref.ts';
import { KernelWeights } from '../workers/kernels/weights.ts';
import { CpuPipeline } from '../workers/runtime/cpu-pipeline.ts';
import { configureOrt, createSession, ort } from '../workers/runtime/ort.ts';
import { loadPack } from '../workers/runtime/pack-loader.ts';
import { packModel } from '../workers/runtime/pack-model.ts';
import { rgbaToPlanar } from '../workers/runtime/turn-io.ts';

const args = parseCli({
  usage: 'bench:fusion-cpu [--pack DIR] [--turns N] [--reps N] [--ort DIR]',
  options: { pack: { type: 'string' }, turns: { type: 'string', default: '24' }, reps: { type: 'string', default: '5' }, ort: { type: 'string' } },
});
const pack = resolve(packDir('shapes-v1', args.pack));
const [turns, reps] = [Number(args.turns), Number(args.reps)];
if (!Number.isInteger(turns) || turns < 1 || !Number.isInteger(reps) || reps < 1) fail('--turns and --reps must be positive integers');
configureOrt();
const model = packModel(await loadPack(fileSource(pack)));
const requests = benchRequests(model.size, turns);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// 1. Whole turns, the two pipelines alternating (which one goes first alternates too).
const pipes = { reference: await CpuPipeline.create(model, { referenceFusion: true }), fast: await CpuPipeline.create(model) };
const stages: Record<string, Record<string, number[]>> = { reference: {}, fast: {} };
for (const p of Object.values(pipes)) for (const r of requests.slice(0, 3)) await p.run(r); // JIT and ORT warm-up
for (const [k, r] of requests.entries()) {
  for (const name of k % 2 ? (['fast', 'reference'] as const) : (['reference', 'fast'] as const)) {
    const t = (await pipes[name].run(r)).timings;
    for (const [stage, ms] of Object.entries(t)) (stages[name]![stage] ??= []).push(ms);
  }
}
await Promise.all(Object.values(pipes).map((p) => p.dispose()));

// 2. Fusion alone on the real inputs of the same turns (encoders, memory and tracker as the pipeline runs them).
const sessions = { text: await createSession(model.graphs.text_encoder, 'wasm'), image: await createSession(model.graphs.image_encoder, 'wasm') };
const { dims } = model;
const inputs: { x: FusionInputs; len: number }[] = [];
for (const r of requests) {
  const { ids, len } = model.tokenize(r.text);
  const text = await sessions.text.run({ tokens: new ort.Tensor('int64', ids, [1, dims.L]) });
  const image = await sessions.image.run({ image: new ort.Tensor('float32', rgbaToPlanar(r.image, model.size), [1, 3, model.size, model.size]) });
  const f = (t: ort.Tensor) => t.data as Float32Array;
  const U = f(text.words);
  const { tex } = attendMemoryRef(U, model.weights.f32('mem'), model.weights.f32('mem_keys'), { ...dims, len });
  const s = f(text.sentence);
  const tracked = trackerRef(trackerWeights(model.weights), { s, vbar: f(image.pooled), h: new Float32Array(dims.H), tex }, dims, len);
  inputs.push({ x: { V: f(image.regions), init: tracked.init, keys: f(text.keys), U, tex }, len });
}
const fw = fusionWeights(model.weights);
const fast = new FusionCpu(fw, dims);
const allSteps = { ...model.stop, adaptive: false };
const variants: Record<string, (x: FusionInputs, len: number) => FusionResult> = {
  'reference, adaptive': (x, len) => fusionRef(fw, x, dims, len, model.stop),
  'reference, all T steps': (x, len) => fusionRef(fw, x, dims, len, allSteps),
  'fast, adaptive': (x, len) => fast.run(x, len, model.stop),
  'fast, all T steps': (x, len) => fast.run(x, len, allSteps),
};
const names = Object.keys(variants);
const perCall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const regionSteps: Record<string, number> = {};
for (let rep = 0; rep < reps + 1; rep++) {
  for (let v = 0; v < names.length; v++) {
    const name = names[(v + rep) % names.length]!; // rotate the order so drift hits every variant alike
    let steps = 0;
    for (const { x, len } of inputs) {
      const t0 = performance.now();
      const r = variants[name]!(x, len);
      if (rep > 0) perCall[name]!.push(performance.now() - t0); // rep 0 warms the JIT
      steps += r.activePerStep.reduce((a, b) => a + b, 0);
    }
    regionSteps[name] = steps / inputs.length;
  }
}

// 3. Optionally ORT-WASM on the kernel fixture's fusion graph, alternating with FusionCpu on its weights.
const ortRows: { variant: string; medianMs: number; regionSteps: number }[] = [];
if (args.ort) {
  const read = (f: string) => readFileSync(join(args.ort!, f));
  const kw = new KernelWeights(new Uint8Array(read('kernels.bin')).buffer, JSON.parse(read('kernels.json').toString()));
  const { L, K, D, G } = dims;
  const next = rng(5);
  const x = { V: uniform(next, D * G * G), init: uniform(next, D, 0.5), keys: uniform(next, L * D, 1.5), U: uniform(next, L * K), tex: uniform(next, L * D) };
  const len = 20;
  const graph = await createSession(new Uint8Array(read('fusion.onnx')), 'wasm');
  const tensor = (data: Float32Array, shape: number[]) => new ort.Tensor('float32', data, shape);
  const valid = new Float32Array(L).fill(1, 0, len);
  const feeds = {
    V: tensor(x.V, [1, D, G, G]), init: tensor(x.init, [1, D]), keys: tensor(x.keys, [1, L, D]),
    U: tensor(x.U, [1, L, K]), tex: tensor(x.tex, [1, L, D]), valid: tensor(valid, [1, L]),
  };
  const own = new FusionCpu(fusionWeights(kw), dims);
  const stop = (adaptive: boolean) => ({ adaptive, threshold: 0.5 }); // kernel_fixture.py's graph stops at 0.5
  const runs: [string, () => Promise<number> | number][] = [
    ['ORT WASM graph, all T steps', async () => (await graph.run(feeds), G * G * dims.T)],
    ['fast, adaptive', () => own.run(x, len, stop(true)).activePerStep.reduce((a, b) => a + b, 0)],
    ['fast, all T steps', () => own.run(x, len, stop(false)).activePerStep.reduce((a, b) => a + b, 0)],
  ];
  const ms: number[][] = runs.map(() => []);
  const steps: number[] = [];
  for (let rep = 0; rep < 10 * reps + 10; rep++) {
    for (const [k, [, f]] of runs.entries()) {
      const t0 = performance.now();
      steps[k] = await f();
      if (rep >= 10) ms[k]!.push(performance.now() - t0);
    }
  }
  runs.forEach(([variant], k) => ortRows.push({ variant, medianMs: median(ms[k]!), regionSteps: steps[k]! }));
  await graph.release();
}

// Report.
const stageNames = Object.keys(stages.reference!);
const stageRows = stageNames.map((s) => {
  const [a, b] = [mean(stages.reference![s]!), mean(stages.fast![s]!)];
  return { stage: s, referenceMs: a, fastMs: b, ratio: b / a };
});
const p50 = { reference: median(stages.reference!.total!), fast: median(stages.fast!.total!) };
const fusionRows = names.map((n) => ({ variant: n, medianMs: median(perCall[n]!), meanMs: mean(perCall[n]!), regionSteps: regionSteps[n]! }));
const machine = `${cpus().length}-core ${cpus()[0]?.model ?? 'CPU'}, no GPU, Node ${process.version}`;
const date = new Date().toISOString();
const md = [
  `# WASM-path fusion: reference vs fast (${date.slice(0, 10)})`, '',
  `Machine: ${machine}. Pack ${pack.split('/').pop()}, ${turns} turns per pipeline, interleaved in one run; ORT-WASM single-threaded.`, '',
  '| stage | reference ms | fast ms | fast / reference |', '|---|---|---|---|',
  ...stageRows.map((r) => `| ${r.stage} | ${r.referenceMs.toFixed(2)} | ${r.fastMs.toFixed(2)} | ${r.ratio.toFixed(3)} |`),
  `| turn p50 | ${p50.reference.toFixed(2)} | ${p50.fast.toFixed(2)} | ${(p50.fast / p50.reference).toFixed(3)} |`, '',
  `Fusion alone on the same turns' real inputs (${reps} reps x ${turns} calls each):`, '',
  '| variant | median ms/call | mean ms/call | region-steps/call |', '|---|---|---|---|',
  ...fusionRows.map((r) => `| ${r.variant} | ${r.medianMs.toFixed(2)} | ${r.meanMs.toFixed(2)} | ${r.regionSteps.toFixed(1)} |`), '',
  ...(ortRows.length === 0 ? [] : [
    `The kernel fixture's fusion graph (random f32 weights, len 20) on ORT-WASM vs FusionCpu, alternating (${10 * reps} each):`, '',
    '| variant | median ms/call | region-steps/call |', '|---|---|---|',
    ...ortRows.map((r) => `| ${r.variant} | ${r.medianMs.toFixed(2)} | ${r.regionSteps} |`), '',
  ]),
];
console.log(md.join('\n'));
mkdirSync('bench', { recursive: true });
const file = join('bench', `fusion-cpu-${date.replace(/[:.]/g, '-')}`);
writeFileSync(`${file}.json`, `${JSON.stringify({ date, machine, pack, turns, reps, stages: stageRows, p50, fusion: fusionRows, ort: ortRows }, null, 1)}\n`);
writeFileSync(`${file}.md`, md.join('\n'));
console.log(`wrote ${file}.json and .md`);
