/**
 * The WASM pipeline (ORT-WASM graphs + kernel CPU references) reproduces PyTorch's whole turn on the tiny packs,
 * also with manifest config values replaced (a stop threshold other than 0.5 reaches fusion through packModel).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../../scripts/lib/file-source.ts';
import { CpuPipeline } from '../../../workers/runtime/cpu-pipeline.ts';
import { configureOrt } from '../../../workers/runtime/ort.ts';
import { loadPack } from '../../../workers/runtime/pack-loader.ts';
import { packModel } from '../../../workers/runtime/pack-model.ts';

const DIR = join(__dirname, '../../fixtures/models');
interface TurnRef { text: string; out: number[]; m: number[]; steps: number[]; beta: number[]; h: number[] }
interface PackTurns { image: number[]; size: number; turns: TurnRef[] }
const fixture = JSON.parse(readFileSync(join(DIR, 'tiny-turns.json'), 'utf8')) as {
  packs: Record<string, PackTurns>;
  variants: Record<string, PackTurns & { pack: string; config: Record<string, number> }>;
};

const maxAbs = (a: ArrayLike<number>, b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

/** Runs the reference's chained turns on `pack` (its manifest config overridden by `config`) and compares each. */
async function matchesTurns(pack: string, ref: PackTurns, config: Record<string, number> = {}): Promise<void> {
  const loaded = await loadPack(fileSource(join(DIR, pack)));
  loaded.manifest.config = { ...loaded.manifest.config, ...config };
  const pipeline = await CpuPipeline.create(packModel(loaded));
  const S = ref.size;
  let image: Uint8ClampedArray = Uint8ClampedArray.from(ref.image);
  let state: Float32Array | null = null;
  for (const turn of ref.turns) {
    const r = await pipeline.run({ image, size: S, text: turn.text, state });
    expect(Array.from(r.steps)).toEqual(turn.steps);
    expect(maxAbs(r.state, turn.h)).toBeLessThan(1e-4);
    expect(maxAbs(r.mask, turn.m)).toBeLessThan(1e-3);
    const planar = new Float32Array(3 * S * S);
    for (let q = 0; q < S * S; q++) for (let c = 0; c < 3; c++) planar[c * S * S + q] = r.image[q * 4 + c]! / 255;
    // Output bytes are rounded, so allow one 8-bit step.
    expect(maxAbs(planar, turn.out)).toBeLessThan(1 / 255 + 1e-4);
    expect(r.words).toEqual(turn.text.split(' '));
    expect(r.attention.length).toBe(r.words.length * r.grid * r.grid);
    image = r.image;
    state = r.state;
  }
  await pipeline.dispose();
}

describe('CpuPipeline matches PyTorch', () => {
  configureOrt();
  for (const [pack, ref] of Object.entries(fixture.packs)) {
    it(`${pack}: two chained turns`, () => matchesTurns(pack, ref));
  }
  for (const [name, ref] of Object.entries(fixture.variants)) {
    it(`${name}: two chained turns`, async () => {
      // The variant exists to change termination: its step counts are not the unmodified pack's.
      expect(ref.turns.map((t) => t.steps)).not.toEqual(fixture.packs[ref.pack]!.turns.map((t) => t.steps));
      await matchesTurns(ref.pack, ref, ref.config);
    });
  }
});
