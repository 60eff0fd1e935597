// Chromium page for scripts/bench.ts: loads a pack on one backend (cold), then times edit turns.
import type { BackendKind } from '../../workers/engine.ts';
import { httpSource } from '../../workers/runtime/http-source.ts';
import { LocalEngine } from '../../workers/runtime/local-engine.ts';
import { configureOrt } from '../../workers/runtime/ort.ts';
import { createPipeline } from '../../workers/runtime/pipeline.ts';
import { warmupRequest } from '../../workers/runtime/warmup.ts';
import { report } from './page-report.ts';
import { benchRequests } from './requests.ts';

/** What one backend measured. */
export interface TurnBench {
  backend: string;
  adapter: string;
  coldLoadMs: number;
  turnsMs: number[];
  stageMs: Record<string, number>;
  packBytes: number;
}

report(async () => {
  const params = new URL(location.href).searchParams;
  const backend = params.get('backend') as BackendKind;
  configureOrt('/ort/ort-wasm-simd-threaded.jsep.wasm');
  const engine = new LocalEngine({ source: httpSource, createPipeline, warmupRequest });
  const t0 = performance.now();
  await engine.load({ packUrl: `${location.origin}/pack/`, backend });
  const coldLoadMs = performance.now() - t0;
  const info = await engine.info();
  const turnsMs: number[] = [];
  const stageMs: Record<string, number> = {};
  for (const r of benchRequests(info.imageSize!, Number(params.get('turns') ?? 20))) {
    const start = performance.now();
    const result = await engine.edit(r);
    turnsMs.push(performance.now() - start);
    for (const [k, v] of Object.entries(result.timings)) stageMs[k] = (stageMs[k] ?? 0) + v / Number(params.get('turns') ?? 20);
  }
  const manifest = await (await fetch('/pack/manifest.json')).json();
  const packBytes = Object.values(manifest.files as Record<string, { bytes: number }>).reduce((s, f) => s + f.bytes, 0);
  await engine.dispose();
  return { backend: info.backend, adapter: info.adapter, coldLoadMs, turnsMs, stageMs, packBytes } satisfies TurnBench;
});
