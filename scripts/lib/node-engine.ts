/** The engine as the Node CLIs run it: packs from the file system, ORT-WASM graphs and the kernels' CPU references. */
import { LocalEngine } from '../../workers/runtime/local-engine.ts';
import { CpuPipeline } from '../../workers/runtime/cpu-pipeline.ts';
import { configureOrt } from '../../workers/runtime/ort.ts';
import { packModel } from '../../workers/runtime/pack-model.ts';
import { warmupRequest } from '../../workers/runtime/warmup.ts';
import { fileSource } from './file-source.ts';

/** A ready engine with the pack at `packDir` loaded on WASM. */
export async function nodeEngine(packDir: string): Promise<LocalEngine> {
  configureOrt();
  const engine = new LocalEngine({
    source: fileSource,
    createPipeline: async (pack) => CpuPipeline.create(packModel(pack)),
    warmupRequest,
    probe: async () => ({ available: false, description: 'Node.js (WASM only)' }),
  });
  await engine.load({ packUrl: packDir, backend: 'wasm' });
  return engine;
}
