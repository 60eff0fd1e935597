/**
 * The committed model packs (models/packs/*): manifest valid for the runtime, every file's size and sha256 as
 * listed, kernel weights complete with the shapes the kernels expect (and nothing they do not read), config flags the
 * runtime does not implement off, and the int8 graphs in onnxruntime-web
 * reproducing PyTorch's outputs on a real example (references written by `models/tiny_fixtures.py --pack`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightShapes } from '../../../workers/kernels/dims.ts';
import { KernelWeights, type KernelLayout } from '../../../workers/kernels/weights.ts';
import { parseManifest } from '../../../workers/runtime/manifest.ts';
import { configureOrt, createSession, ort } from '../../../workers/runtime/ort.ts';

const PACKS = join(__dirname, '../../../models/packs');
const FIXTURES = join(__dirname, '../../fixtures/models');
const EXPECTED: Record<string, string> = { 'shapes-v1': 'shapes-v1', 'cosal-v1': 'cosal-v1' };

interface Sampled {
  dims: number[];
  stride: number;
  mean: number;
  abs_mean: number;
  data: number[];
}
interface PackReference {
  tokens: number[];
  image_u8: number[];
  image_dims: number[];
  fused: { dims: number[]; data: number[] };
  outputs: Record<string, Record<string, Sampled>>;
}

const read = (pack: string, file: string) => readFileSync(join(PACKS, pack, file));

describe('committed model packs', () => {
  configureOrt();
  it('ships the shapes-v1 and cosal-v1 packs', () => {
    expect(readdirSync(PACKS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [pack, domain] of Object.entries(EXPECTED)) {
    const manifest = parseManifest(read(pack, 'manifest.json').toString('utf8'), domain);
    const cfg = manifest.config as Record<string, number>;

    it(`${pack}: every file matches its manifest entry, and every file is listed`, () => {
      const listed = Object.keys(manifest.files).sort();
      expect(readdirSync(join(PACKS, pack)).filter((f) => f !== 'manifest.json').sort()).toEqual(listed);
      for (const [file, meta] of Object.entries(manifest.files)) {
        const bytes = read(pack, file);
        expect(bytes.length, file).toBe(meta.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(meta.sha256);
      }
    });

    it(`${pack}: kernel weights are exactly those of the kernels, with the shapes of the manifest dims, int8 where quantized`, () => {
      const bin = read(pack, manifest.kernels.blob);
      const layout = JSON.parse(read(pack, manifest.kernels.layout).toString('utf8')) as KernelLayout;
      const w = new KernelWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length), layout);
      const dims = { L: cfg.max_len!, K: cfg.K!, D: cfg.D!, G: cfg.G!, Ms: cfg.Ms!, H: cfg.H!, T: cfg.T! };
      for (const [name, shape] of Object.entries(weightShapes(dims))) w.expectShape(name, shape);
      // A tensor no kernel reads is downloaded for nothing (context words: models/pack.py kernel_tensors).
      expect(layout.tensors.map((t) => t.name).sort()).toEqual(Object.keys(weightShapes(dims)).sort());
      expect(w.entry('fusion.w2').dtype).toBe('i8');
      expect(w.f32('fusion.w2').every(Number.isFinite)).toBe(true);
      expect(manifest.quantization?.weights).toBe('int8');
    });

    it(`${pack}: the config claims no mechanism the runtime does not run`, () => {
      // The app passes no context words (its dialogue layer resolves references), so no pack may need them.
      expect(cfg.context_words ?? false).toBe(false);
    });

    it(`${pack}: int8 graphs in onnxruntime-web match PyTorch on a real example`, async () => {
      const ref = JSON.parse(readFileSync(join(FIXTURES, `${pack}-reference.json`), 'utf8')) as PackReference;
      // The shard image is HWC bytes; graphs take NCHW floats in [0, 1].
      const S = ref.image_dims[2]!;
      const chw = new Float32Array(3 * S * S);
      for (let p = 0; p < S * S; p++) for (let c = 0; c < 3; c++) chw[c * S * S + p] = ref.image_u8[p * 3 + c]! / 255;
      const image = new ort.Tensor('float32', chw, ref.image_dims);
      const feeds: Record<string, Record<string, ort.Tensor>> = {
        text_encoder: { tokens: new ort.Tensor('int64', BigInt64Array.from(ref.tokens.map(BigInt)), [1, ref.tokens.length]) },
        image_encoder: { image },
        recognizer: { image },
      };
      const results: Record<string, Record<string, ort.Tensor>> = {};
      for (const name of ['text_encoder', 'image_encoder', 'decoder', 'recognizer']) {
        if (!(name in manifest.graphs)) continue;
        const session = await createSession(new Uint8Array(read(pack, manifest.graphs[name]!.file)), 'wasm');
        const f = name === 'decoder'
          ? { fused: new ort.Tensor('float32', Float32Array.from(ref.fused.data), ref.fused.dims),
              skip1: results.image_encoder!.skip1!, skip2: results.image_encoder!.skip2! }
          : feeds[name]!;
        results[name] = await session.run(f);
        await session.release();
        for (const [o, want] of Object.entries(ref.outputs[name]!)) {
          const got = results[name]![o]!.data as Float32Array;
          expect(results[name]![o]!.dims, `${name}.${o}`).toEqual(want.dims);
          const sample = want.data.map((_, k) => got[k * want.stride]!);
          const err = Math.max(...sample.map((v, k) => Math.abs(v - want.data[k]!)));
          const mean = got.reduce((a, b) => a + b, 0) / got.length;
          expect(err, `${pack} ${name}.${o} max error`).toBeLessThan(2e-3 * Math.max(1, want.abs_mean * 10));
          expect(Math.abs(mean - want.mean), `${pack} ${name}.${o} mean`).toBeLessThan(1e-3 * Math.max(1, want.abs_mean));
        }
      }
    });
  }
});
