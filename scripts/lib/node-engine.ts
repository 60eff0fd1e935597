/** The engine as the Node CLIs run it: packs from the file system, ORT-WASM graphs and the kernels' CPU references. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalEngine } from '../../workers/runtime/local-engine.ts';
import { CpuPipeline } from '../../workers/runtime/cpu-pipeline.ts';
import { configureOrt } from '../../workers/runtime/ort.ts';
import { packModel } from '../../workers/runtime/pack-model.ts';
import { UnderstandingModel } from '../../workers/runtime/understanding-model.ts';
import { warmupRequest } from '../../workers/runtime/warmup.ts';
import { fileSource } from './file-source.ts';

/** Where a pack without an understanding graph borrows one (a test pack of random weights has none). */
const UNDERSTANDING_FALLBACK = 'models/packs/shapes-v1';

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
  if ((await engine.understandingVocab()) === null && existsSync(join(UNDERSTANDING_FALLBACK, 'understanding.onnx'))) {
    const vocab = JSON.parse(readFileSync(join(UNDERSTANDING_FALLBACK, 'understanding-vocab.json'), 'utf8')) as string[];
    const model = await UnderstandingModel.create(new Uint8Array(readFileSync(join(UNDERSTANDING_FALLBACK, 'understanding.onnx'))), vocab);
    console.error(`note: ${packDir} has no understanding model; reading turns with ${UNDERSTANDING_FALLBACK}'s`);
    engine.understandingVocab = async () => [...vocab];
    engine.understand = (input) => model.run(input);
  }
  return engine;
}

