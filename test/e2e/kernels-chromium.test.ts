// Every kernel case in real Chromium's WebGPU (SwiftShader here) vs the CPU reference, same cases as Dawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageRunner, type PageRunner } from '../../scripts/bench/browser.ts';
import type { PageCaseResult } from '../kernels/chromium-page.ts';
import { suites } from '../kernels/suites.ts';

let runner: PageRunner | undefined;
let page: { adapter: string; results: PageCaseResult[] };

beforeAll(async () => {
  runner = await startPageRunner();
  page = await runner.run('test/kernels/chromium-page.ts', 240_000);
});

afterAll(async () => {
  await runner?.close();
});

it('ran every case on a WebGPU adapter', () => {
  expect(page.adapter).toMatch(/\w/);
  expect(page.results.length).toBe(suites.reduce((n, s) => n + s.cases.length, 0));
});

for (const suite of suites) {
  describe(`${suite.kernel} in Chromium`, () => {
    it.each(suite.cases.map((c) => [c.name] as const))('%s', (name) => {
      const r = page.results.find((x) => x.kernel === suite.kernel && x.name === name);
      expect(r, `no result for ${suite.kernel} / ${name}`).toBeDefined();
      expect(r!.report).toBe('ok');
    });
  });
}
