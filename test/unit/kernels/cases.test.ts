// The kernel cases under the CPU reference: each edge case really exercises what it claims, and the
// references behave as the math says (padding, normalization, termination patterns, decision margins).
import { describe, expect, it } from 'vitest';
import { attentionCases, attentionInputs, attentionReference } from '../../../workers/kernels/attention/attention.cases.ts';
import { compareOutputs } from '../../../workers/kernels/cases.ts';
import { compositeCases, compositeReference } from '../../../workers/kernels/composite/composite.cases.ts';
import { fusionCases, fusionCaseRef } from '../../../workers/kernels/fusion/fusion.cases.ts';
import { trackerCases, trackerReference } from '../../../workers/kernels/tracker/tracker.cases.ts';

const finite = (o: Record<string, ArrayLike<number>>) => Object.values(o).every((a) => Array.from(a).every(Number.isFinite));

describe('attention cases', () => {
  it.each(attentionCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const out = attentionReference(c, attentionInputs(c));
    expect(finite(out)).toBe(true);
    const { D, Ms } = c.dims;
    expect(Array.from(out.tex!.subarray(c.len * D)).every((v) => v === 0)).toBe(true);
    for (let j = 0; j < c.len; j++) {
      expect(Array.from(out.attn!.subarray(j * Ms, (j + 1) * Ms)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
});

describe('fusion cases', () => {
  it.each(fusionCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = fusionCaseRef(c);
    expect(finite({ O: r.O, beta: r.beta })).toBe(true);
    const steps = Array.from(r.steps);
    const { T, G, L } = c.dims;
    if (c.expect === 'all stop at step 1') expect(steps.every((s) => s === 1)).toBe(true);
    if (c.expect === 'none stop early') expect(steps.every((s) => s === T)).toBe(true);
    if (c.expect === 'mixed') expect(new Set(steps).size).toBeGreaterThanOrEqual(2);
    // Each region's final-step word attention is a softmax over the valid words, zero on padding.
    for (let i = 0; i < G * G; i++) {
      const row = Array.from(r.beta.subarray(i * L, (i + 1) * L));
      expect(row.slice(0, c.len).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row.slice(c.len).every((v) => v === 0)).toBe(true);
    }
    // Region-steps executed equal the sum of per-region steps: compaction accounting.
    expect(r.activePerStep.reduce((a, b) => a + b, 0)).toBe(steps.reduce((a, b) => a + b, 0));
    // A decision this close to the threshold could flip between f32 GPU and f64 CPU sums; keep cases clear of it.
    expect(r.minMargin).toBeGreaterThan(1e-4);
  });

  it('a stop threshold other than 0.5 changes which regions stop (the threshold cases test it on every tier)', () => {
    const others = fusionCases.filter((c) => c.termination && c.threshold !== undefined && c.threshold !== 0.5);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const c of others) expect(Array.from(fusionCaseRef(c).steps), c.name).not.toEqual(Array.from(fusionCaseRef({ ...c, threshold: 0.5 }).steps));
  });

  it('frozen regions differ from recomputing every region (the mixed cases test compaction)', () => {
    const c = fusionCases.find((k) => k.expect === 'mixed')!;
    const adaptive = fusionCaseRef(c);
    const fixed = fusionCaseRef({ ...c, termination: false });
    expect(compareOutputs({ O: fixed.O }, { O: adaptive.O }, c.tol).ok).toBe(false);
  });
});

describe('tracker and composite cases', () => {
  it.each(trackerCases.map((c) => [c.name, c] as const))('tracker %s', (_n, c) => {
    const out = trackerReference(c);
    expect(finite(out)).toBe(true);
    expect(Array.from(out.h!).every((v) => Math.abs(v) < 1)).toBe(true);
  });

  it.each(compositeCases.map((c) => [c.name, c] as const))('composite %s', (_n, c) => {
    const out = compositeReference(c);
    expect(finite(out)).toBe(true);
    if (c.mode === 'pixels') {
      const m = Array.from(out.m!);
      expect(m.some((v) => v === 0) && m.some((v) => v === 1) && m.some((v) => v > 0 && v < 1)).toBe(true);
    }
  });
});

describe('compareOutputs', () => {
  it('fails on out-of-tolerance values, NaN, short outputs and any u32 difference', () => {
    const tol = { atol: 1e-5, rtol: 1e-4 };
    const want = { a: Float32Array.from([1, 2]), s: Uint32Array.from([1, 2]) };
    expect(compareOutputs({ a: Float32Array.from([1.00005, 2]), s: Uint32Array.from([1, 2]) }, want, tol).ok).toBe(true);
    expect(compareOutputs({ a: Float32Array.from([1.001, 2]), s: Uint32Array.from([1, 2]) }, want, tol).report).toMatch(/a\[0\]/);
    expect(compareOutputs({ a: Float32Array.from([NaN, 2]), s: Uint32Array.from([1, 2]) }, want, tol).ok).toBe(false);
    expect(compareOutputs({ a: Float32Array.from([1]), s: Uint32Array.from([1, 2]) }, want, tol).ok).toBe(false);
    expect(compareOutputs({ a: Float32Array.from([1, 2]), s: Uint32Array.from([1, 3]) }, want, tol).ok).toBe(false);
  });
});
