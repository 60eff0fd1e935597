// Chromium page for test/e2e/kernels-chromium.test.ts: every kernel case on the browser's WebGPU device.
import { pageDevice, report } from '../../scripts/bench/page-report.ts';
import { compareOutputs } from '../../workers/kernels/cases.ts';
import { suites } from './suites.ts';

/** One case's verdict, keyed by kernel and case name. */
export interface PageCaseResult {
  kernel: string;
  name: string;
  ok: boolean;
  report: string;
}

report(async () => {
  const { device, adapter } = await pageDevice();
  const results: PageCaseResult[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      device.pushErrorScope('validation');
      let verdict: { ok: boolean; report: string };
      try {
        verdict = compareOutputs(await suite.gpu(device, c), suite.reference(c), c.tol);
      } catch (e) {
        verdict = { ok: false, report: `threw: ${(e as Error).message}` };
      }
      const err = await device.popErrorScope();
      if (err) verdict = { ok: false, report: `WebGPU validation: ${err.message}` };
      results.push({ kernel: suite.kernel, name: c.name, ...verdict });
    }
  }
  return { adapter: `${adapter.info.vendor} / ${adapter.info.architecture}`, results };
});
