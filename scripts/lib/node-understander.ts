/**
 * The understander as the Node CLIs and tests run it: the understanding graph and word list straight from a
 * pack folder (or a loose export folder) on ORT-WASM, without loading the image models.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Domain } from '../../src/domain/domain.ts';
import { Lexicon } from '../../src/understanding/lexicon.ts';
import { Understander } from '../../src/understanding/understander.ts';
import { configureOrt } from '../../workers/runtime/ort.ts';
import { UnderstandingModel } from '../../workers/runtime/understanding-model.ts';

/** An understander for `domain` from `dir/understanding.onnx` and `dir/understanding-vocab.json`. */
export async function nodeUnderstander(dir: string, domain: Domain): Promise<{ understander: Understander; dispose: () => Promise<void> }> {
  configureOrt();
  const graph = join(dir, 'understanding.onnx');
  const vocabFile = join(dir, 'understanding-vocab.json');
  if (!existsSync(graph) || !existsSync(vocabFile)) throw new Error(`no understanding model in ${dir} (understanding.onnx, understanding-vocab.json)`);
  const vocab = JSON.parse(readFileSync(vocabFile, 'utf8')) as string[];
  const model = await UnderstandingModel.create(new Uint8Array(readFileSync(graph)), vocab);
  return { understander: new Understander(new Lexicon(domain.language), vocab, (input) => model.run(input)), dispose: () => model.dispose() };
}
