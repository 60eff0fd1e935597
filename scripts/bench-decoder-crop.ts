/**
 * npm run bench:decoder-crop [-- --pack DIR --turns N]
 * The WASM path's decoder before and after decoding only the kept cells, in one Node run (ORT-WASM
 * single-threaded): whole turns of CpuPipeline with the full decode vs decoder_crop, interleaved (which goes first
 * alternates), per-stage means and turn p50; each turn keeps its edit's cells, as the app asks. Compare the ratios:
 * other processes may share the CPU. Writes bench/decoder-crop-<timestamp>.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { benchRequests } from './bench/requests.ts';
import { fileSource } from './lib/file-source.ts';
import { fail, packDir, parseCli } from './lib/cli.ts';
import { CpuPipeline } from '../workers/runtime/cpu-pipeline.ts';
import { cropPlan } from '../workers/runtime/decoder-crop.ts';
import { configureOrt } from '../workers/runtime/ort.ts';
import { loadPack } from '../workers/runtime/pack-loader.ts';
import { packModel } from '../workers/runtime/pack-model.ts';

const args = parseCli({
  usage: 'bench:decoder-crop [--pack DIR] [--turns N]',
  options: { pack: { type: 'string' }, turns: { type: 'string', default: '24' } },
});
const pack = resolve(packDir('shapes-v1', args.pack));
const turns = Number(args.turns);
if (!Number.isInteger(turns) || turns < 1) fail('--turns must be a positive integer');
configureOrt();
const model = packModel(await loadPack(fileSource(pack)));
if (!model.decoderCrop) fail(`${pack} has no decoder_crop graph (models/add_decoder_crop.py adds it)`);
const requests = benchRequests(model.size, turns);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pipes = { full: await CpuPipeline.create(model, { fullDecode: true }), crop: await CpuPipeline.create(model) };
const stages: Record<string, Record<string, number[]>> = { full: {}, crop: {} };
for (const p of Object.values(pipes)) for (const r of requests.slice(0, 3)) await p.run(r); // JIT and ORT warm-up
for (const [k, r] of requests.entries()) {
  for (const name of k % 2 ? (['crop', 'full'] as const) : (['full', 'crop'] as const)) {
    const t = (await pipes[name].run(r)).timings;
    for (const [stage, ms] of Object.entries(t)) (stages[name]![stage] ??= []).push(ms);
  }
}
await Promise.all(Object.values(pipes).map((p) => p.dispose()));

// How many cells each turn keeps, and how many decoder_crop runs (0: a full decode) it took.
const kept: Record<number, number> = {};
const runs: Record<number, number> = {};
for (const r of requests) {
  const n = r.keep?.cells.length ?? 9;
  kept[n] = (kept[n] ?? 0) + 1;
  const plan = cropPlan(r.keep, model.size)?.length ?? 0;
  runs[plan] = (runs[plan] ?? 0) + 1;
}
const rows = Object.keys(stages.full!).map((s) => {
  const [a, b] = [mean(stages.full![s]!), mean(stages.crop![s]!)];
  return { stage: s, fullMs: a, cropMs: b, ratio: b / a };
});
const p50 = { full: median(stages.full!.total!), crop: median(stages.crop!.total!) };
const machine = `${cpus().length}-core ${cpus()[0]?.model ?? 'CPU'}, no GPU, Node ${process.version}`;
const date = new Date().toISOString();
const md = [
  `# WASM-path decoder: full picture vs the kept cells (${date.slice(0, 10)})`, '',
  `Machine: ${machine}. Pack ${pack.split('/').pop()}, ${turns} turns per pipeline, interleaved in one run; ORT-WASM single-threaded.`, '',
  `Cells kept per turn (turns): ${Object.entries(kept).map(([n, c]) => `${n}: ${c}`).join(', ')}. ` +
    `decoder_crop runs per turn (0: full decode): ${Object.entries(runs).map(([n, c]) => `${n}: ${c}`).join(', ')}.`, '',
  '| stage | full decode ms | kept cells ms | kept / full |', '|---|---|---|---|',
  ...rows.map((r) => `| ${r.stage} | ${r.fullMs.toFixed(2)} | ${r.cropMs.toFixed(2)} | ${r.ratio.toFixed(3)} |`),
  `| turn p50 | ${p50.full.toFixed(2)} | ${p50.crop.toFixed(2)} | ${(p50.crop / p50.full).toFixed(3)} |`, '',
];
console.log(md.join('\n'));
mkdirSync('bench', { recursive: true });
const file = join('bench', `decoder-crop-${date.replace(/[:.]/g, '-')}`);
writeFileSync(`${file}.json`, `${JSON.stringify({ date, machine, pack, turns, kept, runs, stages: rows, p50 }, null, 1)}\n`);
writeFileSync(`${file}.md`, md.join('\n'));
console.log(`wrote ${file}.json and .md`);
