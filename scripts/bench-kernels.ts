/**
 * npm run bench:kernels [-- --budget MS --len N]
 * In one Chromium run: our fused WGSL kernels vs the same math exported as ONNX (models/kernel_fixture.py)
 * on onnxruntime-web's WebGPU EP (same GPUDevice) vs ORT WASM vs our CPU reference, per fusion call and per
 * turn (memory attention + tracker + fusion + localization), plus a termination-bias sweep (work saved) and
 * the adapter's measured FMA peak. Prints a table and writes bench/kernels-<timestamp>.json.
 * On SwiftShader the "GPU" is the CPU: read the ratios, not the absolute GPU numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startPageRunner } from './bench/browser.ts';
import { parseCli } from './lib/cli.ts';

interface Row { task: string; backend: string; medianMs: number; minMs: number; iters: number; regionSteps: number; gflops: number }
interface Sweep { btg: number; regionSteps: number; fractionSkipped: number; medianMs: number }
interface Result {
  dims: Record<string, number>; len: number; N: number; regionSteps: number; rows: Row[]; sweep: Sweep[];
  peak: { gflops: number }; check: Record<string, number | boolean>; adapter: Record<string, unknown>;
  tuning: { wg: number; medianMs: number }[]; bestWg: number;
}

const args = parseCli({ usage: 'bench:kernels [--budget MS] [--len N]', options: { budget: { type: 'string', default: '1500' }, len: { type: 'string', default: '20' } } });
const data = mkdtempSync(join(tmpdir(), 'parley-bench-'));
try {
  execFileSync('/usr/bin/python3', ['models/kernel_fixture.py', '--onnx', data], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const runner = await startPageRunner({ benchdata: data });
  let r: Result;
  try {
    r = await runner.run<Result>('scripts/bench/page.ts', 20 * 60_000, { budget: args.budget!, len: args.len! });
  } finally {
    await runner.close();
  }
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\nadapter: ${JSON.stringify(r.adapter)}`);
  console.log(`dims: ${JSON.stringify(r.dims)}, len ${r.len}; measured FMA peak ${r.peak.gflops.toFixed(2)} GFLOP/s`);
  console.log(`check vs ORT WebGPU: ${JSON.stringify(r.check)}`);
  console.log(`fusion workgroup size (override) tuning, all T steps: ${r.tuning.map((t) => `WG=${t.wg} ${t.medianMs.toFixed(1)} ms`).join(', ')} -> WG=${r.bestWg}\n`);
  console.log(`${'task'.padEnd(7)}${'backend'.padEnd(26)}${pad('ms/turn', 10)}${pad('min ms', 9)}${pad('iters', 6)}` +
    `${pad('reg-steps', 10)}${pad('GFLOP/s', 9)}${pad('% peak', 8)}`);
  for (const row of r.rows) {
    console.log(`${row.task.padEnd(7)}${row.backend.padEnd(26)}${pad(row.medianMs.toFixed(2), 10)}${pad(row.minMs.toFixed(2), 9)}` +
      `${pad(row.iters, 6)}${pad(row.regionSteps, 10)}${pad(row.gflops.toFixed(3), 9)}` +
      `${pad(row.backend.startsWith('ours') || row.backend.startsWith('ORT WebGPU') ? ((100 * row.gflops) / r.peak.gflops).toFixed(1) : '-', 8)}`);
  }
  const ms = (task: string, backend: string) => r.rows.find((x) => x.task === task && x.backend === backend)!.medianMs;
  const speedups = {
    fusionVsOrtWebGpu: ms('fusion', 'ORT WebGPU') / ms('fusion', 'ours WGSL (adaptive)'),
    fusionAllStepsVsOrtWebGpu: ms('fusion', 'ORT WebGPU') / ms('fusion', 'ours WGSL (all T steps)'),
    fusionVsOrtWasm: ms('fusion', 'ORT WASM') / ms('fusion', 'ours WGSL (adaptive)'),
    fusionVsCpuRef: ms('fusion', 'CPU reference') / ms('fusion', 'ours WGSL (adaptive)'),
    turnVsOrtWebGpu: ms('turn', 'ORT WebGPU') / ms('turn', 'ours WGSL (adaptive)'),
    turnVsOrtWasm: ms('turn', 'ORT WASM') / ms('turn', 'ours WGSL (adaptive)'),
  };
  console.log(`\nspeedups: ${Object.entries(speedups).map(([k, v]) => `${k} ${v.toFixed(2)}x`).join(', ')}`);
  // Least-squares line ms = fixed + perStep * regionSteps: termination saves work in proportion when the
  // fixed part (prologue, dispatch overhead) is small and the fit is tight.
  const xs = r.sweep.map((p) => p.regionSteps);
  const ys = r.sweep.map((p) => p.medianMs);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const perStep = xs.reduce((a, x, k) => a + (x - mx) * (ys[k]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const fixed = my - perStep * mx;
  const r2 = 1 - ys.reduce((a, y, k) => a + (y - fixed - perStep * xs[k]!) ** 2, 0) / ys.reduce((a, y) => a + (y - my) ** 2, 0);
  const full = fixed + perStep * r.N * Number(r.dims.T);
  const fit = { fixedMs: fixed, msPerRegionStep: perStep, r2, fullMs: full };
  console.log('\nwork saved by termination (ours, fusion; timed round-robin):');
  console.log(`${pad('btg', 6)}${pad('reg-steps', 10)}${pad('skipped', 9)}${pad('ms', 9)}${pad('time saved', 12)}`);
  for (const p of r.sweep) {
    console.log(`${pad(p.btg, 6)}${pad(p.regionSteps, 10)}${pad((100 * p.fractionSkipped).toFixed(0) + '%', 9)}` +
      `${pad(p.medianMs.toFixed(2), 9)}${pad((100 * (1 - p.medianMs / full)).toFixed(0) + '%', 12)}`);
  }
  console.log(`fit: ms = ${fixed.toFixed(2)} + ${perStep.toFixed(3)} * region-steps (R^2 ${r2.toFixed(3)}); ` +
    `fixed part is ${((100 * fixed) / full).toFixed(0)}% of a full run`);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  const file = join(ROOT, 'bench', `kernels-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), speedups, sweepFit: fit, ...r }, null, 2));
  console.log(`\nwrote ${file}`);
} finally {
  rmSync(data, { recursive: true, force: true });
}
