/** Analytic FLOP counts for the benchmark's GFLOP/s column (multiply-add = 2 FLOPs; exp/div = 1). */
import type { KernelDims } from '../../workers/kernels/dims.ts';
import { fusionFlopsPerRegionStep } from '../../workers/kernels/fusion/fusion.ts';

/** Fusion FLOPs for a number of executed region-steps. */
export function fusionFlops(d: KernelDims, len: number, regionSteps: number): number {
  return regionSteps * fusionFlopsPerRegionStep(d, len);
}

/** The rest of a turn: memory attention, tracker, target localization. */
export function otherTurnFlops(d: KernelDims, len: number): number {
  const { K, D, H, Ms, G } = d;
  const memory = len * (2 * Ms * K + 4 * Ms + 2 * Ms * D);
  const tracker = 2 * 3 * H * (K + D + H) + 10 * H + len * D + 2 * D * H + 2 * D * (K + D + H);
  const composite = G * G * (2 * D + 4 + 3 * D);
  return memory + tracker + composite;
}
