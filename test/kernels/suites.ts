/**
 * GPU execution of every kernel case (shared by the Dawn test and the Chromium page): upload the case's
 * seeded inputs, run our kernel on the given device, read the outputs back.
 */
import { AttentionKernel } from '../../workers/kernels/attention/attention.ts';
import {
  attentionCases, attentionInputs, attentionReference, type AttentionCase,
} from '../../workers/kernels/attention/attention.cases.ts';
import type { CaseBase, Outputs } from '../../workers/kernels/cases.ts';
import { CompositeKernel } from '../../workers/kernels/composite/composite.ts';
import {
  compositeCases, compositeInputs, compositeReference, type CompositeCase,
} from '../../workers/kernels/composite/composite.cases.ts';
import { TrackerKernel } from '../../workers/kernels/tracker/tracker.ts';
import { trackerCases, trackerInputs, trackerReference, type TrackerCase } from '../../workers/kernels/tracker/tracker.cases.ts';
import { FusionKernel } from '../../workers/kernels/fusion/fusion.ts';
import {
  fusionCases, fusionInputs, fusionReference, fusionStop, type FusionCase,
} from '../../workers/kernels/fusion/fusion.cases.ts';
import { createBuffer, readF32, readU32, storageUsage, uploadBuffer } from '../../workers/kernels/gpu.ts';
import { GpuKernelWeights } from '../../workers/kernels/weights.ts';

/** A kernel's cases with their inputs, CPU reference and GPU runner. */
export interface Suite<C extends CaseBase = CaseBase> {
  kernel: string;
  cases: C[];
  /** CPU-reference outputs. */
  reference(c: C): Outputs;
  /** Our WGSL kernel's outputs on `device`. */
  gpu(device: GPUDevice, c: C): Promise<Outputs>;
}

/** Allocates an output storage buffer of `count` f32/u32 values. */
export function outBuffer(device: GPUDevice, count: number): GPUBuffer {
  return createBuffer(device, count * 4, storageUsage());
}

/** Runs `encode` in one compute pass and submits it. */
export function submitPass(device: GPUDevice, encode: (pass: GPUComputePassEncoder) => void): void {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  encode(pass);
  pass.end();
  device.queue.submit([enc.finish()]);
}

const attentionSuite: Suite<AttentionCase> = {
  kernel: 'attention',
  cases: attentionCases,
  reference: (c) => attentionReference(c, attentionInputs(c)),
  async gpu(device, c): Promise<Outputs> {
    const x = attentionInputs(c);
    const { L, K, D, Ms } = c.dims;
    const k = await AttentionKernel.create(device, GpuKernelWeights.upload(device, x.weights));
    const io = { U: uploadBuffer(device, x.U), tex: outBuffer(device, L * D), attn: outBuffer(device, L * Ms) };
    submitPass(device, (p) => k.encodeMemory(p, io, { L, len: c.len, K, D, Ms }));
    return { tex: await readF32(device, io.tex, L * D), attn: await readF32(device, io.attn, L * Ms) };
  },
};

const fusionSuite: Suite<FusionCase> = {
  kernel: 'fusion',
  cases: fusionCases,
  reference: fusionReference,
  async gpu(device, c): Promise<Outputs> {
    const x = fusionInputs(c);
    const { L, D, G } = c.dims;
    const N = G * G;
    const k = await FusionKernel.create(device, x.weights, c.dims, { wg: c.wg });
    const io = {
      V: uploadBuffer(device, x.V), init: uploadBuffer(device, x.init), keys: uploadBuffer(device, x.keys),
      U: uploadBuffer(device, x.U), tex: uploadBuffer(device, x.tex),
      O: outBuffer(device, D * N), steps: outBuffer(device, N), beta: outBuffer(device, N * L),
    };
    const enc = device.createCommandEncoder();
    k.encode(enc, io, { len: c.len, stop: fusionStop(c) });
    device.queue.submit([enc.finish()]);
    const out = {
      O: await readF32(device, io.O, D * N), steps: await readU32(device, io.steps, N), beta: await readF32(device, io.beta, N * L),
      active: Uint32Array.from(await k.activeCounts()),
    };
    k.destroy();
    return out;
  },
};

const trackerSuite: Suite<TrackerCase> = {
  kernel: 'tracker',
  cases: trackerCases,
  reference: trackerReference,
  async gpu(device, c): Promise<Outputs> {
    const x = trackerInputs(c);
    const { D, H } = c.dims;
    const k = await TrackerKernel.create(device, GpuKernelWeights.upload(device, x.weights), c.dims);
    const h = uploadBuffer(device, x.h);
    // hOut aliases h: the documented in-place state update.
    const io = {
      s: uploadBuffer(device, x.s), vbar: uploadBuffer(device, x.vbar), h, tex: uploadBuffer(device, x.tex),
      hOut: h, init: outBuffer(device, D), g: outBuffer(device, D), tbar: outBuffer(device, D),
    };
    const enc = device.createCommandEncoder();
    k.encode(enc, io, { len: c.len });
    device.queue.submit([enc.finish()]);
    return {
      h: await readF32(device, h, H), init: await readF32(device, io.init, D),
      tbar: await readF32(device, io.tbar, D), g: await readF32(device, io.g, D),
    };
  },
};

const compositeSuite: Suite<CompositeCase> = {
  kernel: 'composite',
  cases: compositeCases,
  reference: compositeReference,
  async gpu(device, c): Promise<Outputs> {
    const x = compositeInputs(c);
    const k = await CompositeKernel.create(device);
    if (c.mode === 'features') {
      const N = c.dims.G * c.dims.G;
      const D = c.dims.D;
      const io = {
        O: uploadBuffer(device, x.O), V: uploadBuffer(device, x.V), g: uploadBuffer(device, x.g),
        F: outBuffer(device, D * N), alpha: outBuffer(device, N),
      };
      submitPass(device, (p) => k.encodeFeatures(p, io, { N, D }));
      return { F: await readF32(device, io.F, D * N), alpha: await readF32(device, io.alpha, N) };
    }
    const P = c.S! * c.S!;
    const io = {
      rgb: uploadBuffer(device, x.rgb), maskLogit: uploadBuffer(device, x.maskLogit), source: uploadBuffer(device, x.source),
      out: outBuffer(device, 3 * P), m: outBuffer(device, P),
    };
    submitPass(device, (p) => k.encodePixels(p, io, { P, C: 3, lo: c.lo!, hi: c.hi! }));
    return { out: await readF32(device, io.out, 3 * P), m: await readF32(device, io.m, P) };
  },
};

/** Every kernel suite. */
export const suites: Suite[] = [attentionSuite, fusionSuite, trackerSuite, compositeSuite] as Suite[];
