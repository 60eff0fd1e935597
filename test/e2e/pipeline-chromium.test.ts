/** One edit turn end to end in Chromium: the WebGPU pipeline (ORT WebGPU EP + WGSL kernels) equals the WASM one. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPageRunner, type PageRunner } from '../../scripts/bench/browser.ts';
import type { PageTurn } from './pages/pipeline-page.ts';

// The last runs tiny-fp32 with another stop threshold (models/turn_fixture.py): some regions stop after one step.
const PACKS = ['tiny-fp32', 'tiny-int8', 'tiny-fp32 at stop_threshold 0.267'];
let runner: PageRunner | undefined;
let results: Record<string, { gpu: PageTurn[]; cpu: PageTurn[]; adapter: string }>;

beforeAll(async () => {
  runner = await startPageRunner({ fixtures: join(ROOT, 'test/fixtures/models') });
  results = await runner.run('test/e2e/pages/pipeline-page.ts', 240_000, { packs: PACKS.join(',') });
});

afterAll(async () => {
  await runner?.close();
});

const maxAbs = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe.each(PACKS)('%s', (pack) => {
  it('runs on a WebGPU adapter', () => {
    expect(results[pack]!.adapter).toMatch(/\w/);
  });

  it('gives the same turns on WebGPU and WASM', () => {
    const { gpu, cpu } = results[pack]!;
    expect(gpu.length).toBe(cpu.length);
    gpu.forEach((g, t) => {
      const c = cpu[t]!;
      expect(g.steps, `turn ${t} steps`).toEqual(c.steps);
      expect(maxAbs(g.state, c.state), `turn ${t} state`).toBeLessThan(1e-4);
      expect(maxAbs(g.mask, c.mask), `turn ${t} mask`).toBeLessThan(1e-3);
      expect(maxAbs(g.attention, c.attention), `turn ${t} attention`).toBeLessThan(1e-4);
      // 8-bit output: allow one step of rounding difference.
      expect(maxAbs(g.image, c.image), `turn ${t} image`).toBeLessThanOrEqual(1);
    });
  });
});
