/**
 * PyTorch vs onnxruntime-web (WASM) parity of the pack graphs, on tiny randomly initialized fp32 and int8 (QDQ)
 * packs that `models/tiny_fixtures.py` exports together with PyTorch's outputs for fixed inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureOrt, createSession, ort } from '../../../workers/runtime/ort.ts';

const DIR = join(__dirname, '../../fixtures/models');

interface TensorJson {
  dims: number[];
  type: 'int64' | 'float32';
  data: number[];
}
interface GraphCase {
  inputs: Record<string, TensorJson>;
  outputs: Record<string, TensorJson>;
}
const reference = JSON.parse(readFileSync(join(DIR, 'tiny-reference.json'), 'utf8')) as {
  packs: Record<string, Record<string, GraphCase>>;
};

function toOrt(t: TensorJson): ort.Tensor {
  return t.type === 'int64'
    ? new ort.Tensor('int64', BigInt64Array.from(t.data.map((v) => BigInt(v))), t.dims)
    : new ort.Tensor('float32', Float32Array.from(t.data), t.dims);
}

/** Max |a - b| scaled by max(1, |b|). */
function maxRelErr(a: ArrayLike<number>, b: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('ONNX graphs match PyTorch in onnxruntime-web WASM', () => {
  configureOrt();
  for (const [pack, graphs] of Object.entries(reference.packs)) {
    const manifest = JSON.parse(readFileSync(join(DIR, pack, 'manifest.json'), 'utf8')) as {
      graphs: Record<string, { file: string; inputs: string[]; outputs: string[] }>;
    };
    it(`${pack} has every graph of its manifest in the reference`, () => {
      expect(Object.keys(graphs).sort()).toEqual(Object.keys(manifest.graphs).sort());
      expect(Object.keys(graphs)).toEqual(expect.arrayContaining(['text_encoder', 'image_encoder', 'decoder', 'recognizer']));
    });
    for (const [name, c] of Object.entries(graphs)) {
      it(`${pack}/${name}`, async () => {
        const g = manifest.graphs[name]!;
        const session = await createSession(new Uint8Array(readFileSync(join(DIR, pack, g.file))), 'wasm');
        expect([...session.inputNames].sort()).toEqual([...g.inputs].sort());
        expect([...session.outputNames].sort()).toEqual([...g.outputs].sort());
        const feeds = Object.fromEntries(Object.entries(c.inputs).map(([k, t]) => [k, toOrt(t)]));
        const out = await session.run(feeds);
        for (const [o, want] of Object.entries(c.outputs)) {
          const got = out[o]!;
          expect(got.dims).toEqual(want.dims);
          expect(maxRelErr(got.data as Float32Array, want.data), `${name}.${o}`).toBeLessThan(1e-4);
        }
        await session.release();
      });
    }
  }
});
