// Chromium page for scripts/bench.ts: loads a pack on one backend (cold), then times edit turns.
import { canonicalInstruction } from '../../src/domains/shapes-v1/dialogue/canonical.ts';
import { randomEdit } from '../data/shapes-v1/random-edit.ts';
import { randomScene } from '../../src/domains/shapes-v1/generate-scene.ts';
import { renderSceneRgba } from '../../src/domains/shapes-v1/raster.ts';
import { Rng } from '../../src/domain/rng.ts';
import type { BackendKind, EditRequest } from '../../workers/engine.ts';
import { httpSource } from '../../workers/runtime/http-source.ts';
import { LocalEngine } from '../../workers/runtime/local-engine.ts';
import { configureOrt } from '../../workers/runtime/ort.ts';
import { createPipeline } from '../../workers/runtime/pipeline.ts';
import { warmupRequest } from '../../workers/runtime/warmup.ts';
import { report } from './page-report.ts';

/** What one backend measured. */
export interface TurnBench {
  backend: string;
  adapter: string;
  coldLoadMs: number;
  turnsMs: number[];
  stageMs: Record<string, number>;
  packBytes: number;
}

/** Realistic turns: random scenes with one canonical edit instruction each (what the dialogue layer sends). */
function requests(size: number, count: number): EditRequest[] {
  const rng = new Rng(2026);
  const out: EditRequest[] = [];
  while (out.length < count) {
    const scene = randomScene(rng);
    const choice = randomEdit(rng, scene);
    const text = choice && canonicalInstruction(choice.edit, scene);
    if (!text) continue;
    const image = size === 64 ? renderSceneRgba(scene) : new Uint8ClampedArray(size * size * 4).fill(255);
    out.push({ image, size, text, state: null });
  }
  return out;
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
  for (const r of requests(info.imageSize!, Number(params.get('turns') ?? 20))) {
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
