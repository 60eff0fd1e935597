// Chromium page for test/e2e/pipeline-chromium.test.ts: the tiny packs' turns on the WebGPU and the WASM pipeline,
// also for the fixture's variants (a pack with manifest config values replaced, e.g. another stop threshold).
import { report } from '../../../scripts/bench/page-report.ts';
import { CpuPipeline } from '../../../workers/runtime/cpu-pipeline.ts';
import { GpuPipeline } from '../../../workers/runtime/gpu-pipeline.ts';
import { httpSource } from '../../../workers/runtime/http-source.ts';
import type { Pipeline } from '../../../workers/runtime/local-engine.ts';
import { configureOrt } from '../../../workers/runtime/ort.ts';
import { loadPack } from '../../../workers/runtime/pack-loader.ts';
import { packModel } from '../../../workers/runtime/pack-model.ts';

/** What one pipeline produced for one turn (plain arrays so they cross to Node). */
export interface PageTurn {
  image: number[];
  mask: number[];
  steps: number[];
  state: number[];
  attention: number[];
}

async function turns(pipeline: Pipeline, image0: Uint8ClampedArray, size: number, texts: string[]): Promise<PageTurn[]> {
  const out: PageTurn[] = [];
  let image = image0;
  let state: Float32Array | null = null;
  for (const text of texts) {
    const r = await pipeline.run({ image, size, text, state });
    out.push({ image: [...r.image], mask: [...r.mask], steps: [...r.steps], state: [...r.state], attention: [...r.attention] });
    image = r.image;
    state = r.state;
  }
  return out;
}

report(async () => {
  configureOrt('/ort/ort-wasm-simd-threaded.jsep.wasm');
  const params = new URL(location.href).searchParams;
  type Ref = { image: number[]; size: number; turns: { text: string }[]; pack?: string; config?: Record<string, number> };
  const fixture = (await (await fetch('/fixtures/tiny-turns.json')).json()) as {
    packs: Record<string, Ref>;
    variants: Record<string, Ref>;
  };
  const results: Record<string, { gpu: PageTurn[]; cpu: PageTurn[]; adapter: string }> = {};
  for (const name of (params.get('packs') ?? 'tiny-fp32').split(',')) {
    const ref = fixture.packs[name] ?? fixture.variants[name]!;
    const loaded = await loadPack(httpSource(`${location.origin}/fixtures/${ref.pack ?? name}/`));
    loaded.manifest.config = { ...loaded.manifest.config, ...ref.config };
    const model = packModel(loaded);
    const gpu = await GpuPipeline.create(model, () => undefined);
    const cpu = await CpuPipeline.create(model);
    const texts = ref.turns.map((t) => t.text);
    const image = Uint8ClampedArray.from(ref.image);
    results[name] = { gpu: await turns(gpu, image, ref.size, texts), cpu: await turns(cpu, image, ref.size, texts), adapter: gpu.adapter };
    await gpu.dispose();
    await cpu.dispose();
  }
  return results;
});
