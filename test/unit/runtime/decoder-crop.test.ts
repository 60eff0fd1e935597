/** decoder_crop on the kept cells plus their halo equals the full decoder there (shipped int8 pack, ORT-WASM). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchRequests } from '../../../scripts/bench/requests.ts';
import { fileSource } from '../../../scripts/lib/file-source.ts';
import { CpuPipeline } from '../../../workers/runtime/cpu-pipeline.ts';
import {
  DECODER_HALO, cropPlan, decodeRects, decoderWindows, keptPixels, type DecoderHalo, type Rect,
} from '../../../workers/runtime/decoder-crop.ts';
import { configureOrt, createSession, ort, type OrtSession, type OrtTensor } from '../../../workers/runtime/ort.ts';
import { loadPack } from '../../../workers/runtime/pack-loader.ts';
import { packModel, type PackModel } from '../../../workers/runtime/pack-model.ts';
import { rgbaToPlanar } from '../../../workers/runtime/turn-io.ts';

const PACK = join(__dirname, '../../../models/packs/shapes-v1');
const GRID = { rows: 3, cols: 3 };
const S = 64;

describe('decoderWindows', () => {
  it('adds the halo per scale and stops at the picture', () => {
    expect(decoderWindows({ start: 21, end: 43 }, S)).toEqual([{ start: 2, end: 14 }, { start: 7, end: 25 }, { start: 17, end: 47 }]);
    expect(decoderWindows({ start: 0, end: 21 }, S)).toEqual([{ start: 0, end: 8 }, { start: 0, end: 14 }, { start: 0, end: 25 }]);
    expect(decoderWindows({ start: 0, end: 64 }, S)).toEqual([{ start: 0, end: 16 }, { start: 0, end: 32 }, { start: 0, end: 64 }]);
  });

  it('plans one rectangle per cell as confine.ts assigns pixels, and a full decode for every cell', () => {
    for (let c = 0; c < 9; c++) {
      const [r] = cropPlan({ grid: GRID, cells: [c] }, S)!;
      const kept = keptPixels({ grid: GRID, cells: [c] }, S)!;
      for (let y = 0; y < S; y++) {
        for (let x = 0; x < S; x++) {
          const inside = y >= r!.rows.start && y < r!.rows.end && x >= r!.cols.start && x < r!.cols.end;
          expect(kept[y * S + x], `cell ${c} pixel ${x},${y}`).toBe(inside ? 1 : 0);
        }
      }
    }
    expect(cropPlan({ grid: GRID, cells: [0, 1, 2, 3, 4, 5, 6, 7, 8] }, S)).toBeNull();
    expect(cropPlan(undefined, S)).toBeNull();
    expect(cropPlan({ grid: GRID, cells: [0, 8] }, S)).toHaveLength(2); // far apart: two crops, not the whole box
    expect(cropPlan({ grid: GRID, cells: [3, 4] }, S)).toHaveLength(1); // neighbours: one box
  });
});

describe('decoder_crop equals the full decoder inside the kept cells', () => {
  let model: PackModel;
  let full: OrtSession;
  let crop: OrtSession;
  let feeds: { fused: OrtTensor; skip1: OrtTensor; skip2: OrtTensor };
  let want: { rgb: Float32Array; logit: Float32Array };

  beforeAll(async () => {
    configureOrt();
    model = packModel(await loadPack(fileSource(PACK)));
    expect(model.decoderCrop, 'the shipped pack has decoder_crop.onnx').toBeDefined();
    [full, crop] = await Promise.all([createSession(model.graphs.decoder, 'wasm'), createSession(model.decoderCrop!, 'wasm')]);
    const encoder = await createSession(model.graphs.image_encoder, 'wasm');
    const image = await encoder.run({ image: new ort.Tensor('float32', rgbaToPlanar(benchRequests(S, 1)[0]!.image, S), [1, 3, S, S]) });
    // A real picture's skips; its regions stand in for fused features (any values exercise the windows).
    feeds = { fused: image.regions!, skip1: image.skip1!, skip2: image.skip2! };
    const d = await full.run(feeds);
    want = { rgb: d.rgb!.data as Float32Array, logit: d.mask_logit!.data as Float32Array };
  });

  /** Max |crop - full| of rgb and mask logits over the kept pixels of `cells`. */
  async function worst(cells: number[], rects: Rect[], halo: DecoderHalo = DECODER_HALO): Promise<number> {
    const got = await decodeRects(crop, feeds, rects, S, halo);
    const kept = keptPixels({ grid: GRID, cells }, S)!;
    let w = 0;
    for (let q = 0; q < S * S; q++) {
      if (!kept[q]) continue;
      w = Math.max(w, Math.abs(got.maskLogit[q]! - want.logit[q]!));
      for (let c = 0; c < 3; c++) w = Math.max(w, Math.abs(got.rgb[c * S * S + q]! - want.rgb[c * S * S + q]!));
    }
    return w;
  }
  const everything: Rect = { rows: { start: 0, end: S }, cols: { start: 0, end: S } };
  const cases: [string, number[]][] = [
    ['the middle cell', [4]], ['a corner', [0]], ['the other corner', [8]], ['an edge cell', [7]],
    ['two neighbours', [1, 2]], ['two far apart', [2, 6]], ['a row', [3, 4, 5]],
  ];

  for (const [name, cells] of cases) {
    it(name, async () => {
      const rects = cropPlan({ grid: GRID, cells }, S)!;
      expect(rects).not.toBeNull();
      expect(await worst(cells, rects)).toBeLessThan(1e-4);
    });
  }

  it('all cells (one window over the whole picture)', async () => {
    expect(await worst([0, 1, 2, 3, 4, 5, 6, 7, 8], [everything])).toBeLessThan(1e-4);
  });

  it('is wrong with one pixel less of halo at any scale', async () => {
    const rects = cropPlan({ grid: GRID, cells: [4] }, S)!;
    for (const halo of [{ ...DECODER_HALO, full: 3 }, { ...DECODER_HALO, half: 0 }, { ...DECODER_HALO, quarter: 0 }]) {
      expect(await worst([4], rects, halo), JSON.stringify(halo)).toBeGreaterThan(1e-3);
    }
  });

  it('CpuPipeline: the kept cells as with a full decode, the source elsewhere', async () => {
    const [fast, before] = await Promise.all([CpuPipeline.create(model), CpuPipeline.create(model, { fullDecode: true })]);
    for (const [k, r] of benchRequests(S, 3).entries()) {
      const cells = [[4], [0, 1], [2, 6]][k]!;
      const keep = { grid: GRID, cells };
      const [a, b] = [await fast.run({ ...r, keep }), await before.run({ ...r, keep })];
      const kept = keptPixels(keep, S)!;
      for (let q = 0; q < S * S; q++) {
        expect(Math.abs(a.mask[q]! - b.mask[q]!)).toBeLessThan(1e-4);
        if (!kept[q]) expect(a.mask[q]).toBe(0);
        for (let c = 0; c < 4; c++) {
          const i = q * 4 + c;
          expect(Math.abs(a.image[i]! - b.image[i]!)).toBeLessThanOrEqual(1); // rounding to bytes
          if (!kept[q] && c < 3) expect(a.image[i]).toBe(r.image[i]); // opaque scenes: the source's bytes
        }
      }
    }
    await Promise.all([fast.dispose(), before.dispose()]);
  });
});
