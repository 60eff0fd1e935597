/**
 * Turn latency per backend, measured side by side in one run in headless Chromium (one fresh browser per backend):
 * cold-load time (fetch + verify + sessions + warm-up), p50/p95 turn latency, per-stage means, pack size and the
 * browser's peak memory (sum of its processes' VmHWM). Not a test: it prints and writes measured numbers.
 * Usage: npm run bench [-- --pack models/packs/shapes-v1 --turns 20]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPageRunner } from './bench/browser.ts';
import type { TurnBench } from './bench/turn-page.ts';
import { packDir, parseCli } from './lib/cli.ts';

const values = parseCli({ usage: 'bench [--pack DIR] [--turns N]', options: { pack: { type: 'string' }, turns: { type: 'string', default: '20' } } });
const pack = resolve(packDir('shapes-v1', values.pack));

/** Peak resident memory (kB) of every process descending from this one (the browser and its children). */
function peakMemoryKb(): number {
  const parent = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid: number): boolean => pid === process.pid || (pid > 1 && parent.has(pid) && descends(parent.get(pid)!));
  let total = 0;
  for (const pid of parent.keys()) {
    if (pid === process.pid || !descends(pid)) continue;
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) total += Number(hwm[1]);
    } catch {
      // ended
    }
  }
  return total;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const rows: (TurnBench & { p50: number; p95: number; peakMemoryMb: number })[] = [];
for (const backend of ['webgpu', 'wasm']) {
  const runner = await startPageRunner({ pack });
  try {
    const r = await runner.run<TurnBench>('scripts/bench/turn-page.ts', 600_000, { backend, turns: values.turns! });
    rows.push({ ...r, p50: quantile(r.turnsMs, 0.5), p95: quantile(r.turnsMs, 0.95), peakMemoryMb: peakMemoryKb() / 1024 });
  } finally {
    await runner.close();
  }
}
console.log(`pack ${pack}: ${(rows[0]!.packBytes / 1e6).toFixed(2)} MB; ${values.turns} turns per backend`);
console.log('backend  cold load ms   p50 ms   p95 ms   peak MB   adapter');
for (const r of rows) {
  console.log(`${r.backend.padEnd(8)} ${r.coldLoadMs.toFixed(0).padStart(12)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.peakMemoryMb.toFixed(0).padStart(9)}   ${r.adapter}`);
}
for (const r of rows) {
  console.log(`${r.backend} stages (mean ms): ${Object.entries(r.stageMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
}
mkdirSync('bench', { recursive: true });
const file = join('bench', `turn-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ pack, turns: Number(values.turns), results: rows }, null, 1)}\n`);
console.log(`wrote ${file}`);
