// Fusion driven one step per submit (the piecewise API), and one kernel reused across turns with other
// options (length, termination, stop threshold): the GPU-side active lists must reset and bind-group caching
// must not leak a previous turn's uniforms.
import { expect, it } from 'vitest';
import { compareOutputs } from '../../workers/kernels/cases.ts';
import { fusionCases, fusionInputs, fusionReference, fusionStop } from '../../workers/kernels/fusion/fusion.cases.ts';
import { FusionKernel } from '../../workers/kernels/fusion/fusion.ts';
import { readF32, readU32, uploadBuffer } from '../../workers/kernels/gpu.ts';
import { GpuKernelWeights } from '../../workers/kernels/weights.ts';
import { checked, dawnDevice } from './dawn.ts';
import { outBuffer } from './suites.ts';

const base = fusionCases.find((c) => c.name === 'odd sizes G=5 D=12 K=20')!;

it('runs step by step in separate submits, and reuses one kernel across turns', async () => {
  const device = await dawnDevice();
  await checked(device, async () => {
    const x = fusionInputs(base);
    const { L, D, G, T } = base.dims;
    const N = G * G;
    const k = await FusionKernel.create(device, GpuKernelWeights.upload(device, x.weights), base.dims, { wg: 16 });
    const io = {
      V: uploadBuffer(device, x.V), init: uploadBuffer(device, x.init), keys: uploadBuffer(device, x.keys),
      U: uploadBuffer(device, x.U), tex: uploadBuffer(device, x.tex),
      O: outBuffer(device, D * N), steps: outBuffer(device, N), beta: outBuffer(device, N * L),
    };
    const read = async () => ({
      O: await readF32(device, io.O, D * N), steps: await readU32(device, io.steps, N),
      beta: await readF32(device, io.beta, N * L), active: Uint32Array.from(await k.activeCounts()),
    });
    const submit = (f: (enc: GPUCommandEncoder) => void) => {
      const enc = device.createCommandEncoder();
      f(enc);
      device.queue.submit([enc.finish()]);
    };
    const inPass = (enc: GPUCommandEncoder, f: (p: GPUComputePassEncoder) => void) => {
      const pass = enc.beginComputePass();
      f(pass);
      pass.end();
    };
    // At 0.6, 3/0/22 regions take 1/2/3 steps; at 0.5, 8/6/11.
    const other = { ...base, threshold: 0.6 };
    const turns = [base, { ...base, termination: false }, { ...base, len: 2 }, other, other, base];
    for (const [n, c] of turns.entries()) {
      const run = { len: c.len, stop: fusionStop(c) };
      if (n % 2 === 0) {
        submit((enc) => {
          k.encodeReset(enc);
          inPass(enc, (p) => k.encodeStart(p, io, run));
        });
        for (let t = 0; t < T; t++) submit((enc) => inPass(enc, (p) => k.encodeStep(p, io, run, t)));
        submit((enc) => {
          inPass(enc, (p) => k.encodeFinish(p, io, run));
          k.encodeSteps(enc, io);
        });
      } else {
        submit((enc) => k.encode(enc, io, run));
      }
      const verdict = compareOutputs(await read(), fusionReference(c), c.tol);
      expect(verdict.report, `turn ${n}`).toBe('ok');
    }
    expect(fusionReference(other).steps).not.toEqual(fusionReference(base).steps);
    for (const threshold of [0, 1, Number.NaN]) {
      expect(() => k.encode(device.createCommandEncoder(), io, { len: base.len, stop: { adaptive: true, threshold } })).toThrow(RangeError);
    }
  });
});
