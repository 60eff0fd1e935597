// Every kernel case on Dawn (SwiftShader) vs the CPU reference, within the case's tolerance.
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../../workers/kernels/cases.ts';
import { checked, dawnDevice } from './dawn.ts';
import { suites } from './suites.ts';

for (const suite of suites) {
  describe(`${suite.kernel} on Dawn`, () => {
    it.each(suite.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const device = await dawnDevice();
      const got = await checked(device, () => suite.gpu(device, c));
      const verdict = compareOutputs(got, suite.reference(c), c.tol);
      expect(verdict.report).toBe('ok');
    });
  });
}
