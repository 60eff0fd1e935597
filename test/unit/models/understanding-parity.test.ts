/**
 * The understanding tagger: PyTorch vs onnxruntime-web (fp32 exactly, int8 within quantization error) on the
 * tiny seeded model models/understanding_fixture.py exports, and the n-gram hashing of TypeScript vs Python.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ngramIds } from '../../../src/understanding/features.ts';
import { configureOrt } from '../../../workers/runtime/ort.ts';
import { UnderstandingModel } from '../../../workers/runtime/understanding-model.ts';

const DIR = join(__dirname, '../../fixtures/understanding');
const ref = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as {
  inputs: { words: number[]; ngrams: number[]; length: number };
  outputs: Record<'tags' | 'ops' | 'starts', number[]>;
  ngrams: Record<string, number[]>;
};

async function run(file: string) {
  configureOrt();
  const model = await UnderstandingModel.create(new Uint8Array(readFileSync(join(DIR, file))), []);
  const out = await model.run({ words: Int32Array.from(ref.inputs.words), ngrams: Int32Array.from(ref.inputs.ngrams), length: ref.inputs.length });
  await model.dispose();
  return out;
}

const maxErr = (a: ArrayLike<number>, b: readonly number[]) => b.reduce((m, x, i) => Math.max(m, Math.abs(a[i]! - x)), 0);

describe('understanding tagger parity', () => {
  it('hashes character n-grams exactly as Python does', () => {
    for (const [word, ids] of Object.entries(ref.ngrams)) expect(ngramIds(word), word).toEqual(ids);
  });

  it('fp32 graph on ORT-WASM matches PyTorch', async () => {
    const out = await run('understanding.fp32.onnx');
    for (const k of ['tags', 'ops', 'starts'] as const) expect(maxErr(out[k], ref.outputs[k]), k).toBeLessThan(1e-5);
  });

  it('int8 graph stays within quantization error of PyTorch', async () => {
    const out = await run('understanding.onnx');
    for (const k of ['tags', 'ops', 'starts'] as const) expect(maxErr(out[k], ref.outputs[k]), k).toBeLessThan(0.05);
  });

  it('refuses inputs of the wrong length', async () => {
    const model = await UnderstandingModel.create(new Uint8Array(readFileSync(join(DIR, 'understanding.onnx'))), []);
    await expect(model.run({ words: new Int32Array(60), ngrams: new Int32Array(720), length: 60 })).rejects.toThrow(/1 to 48 tokens/);
    await model.dispose();
  });
});
