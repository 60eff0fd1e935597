/** Wall-clock timing for the kernel benchmark: warm up, then repeat until a time budget is spent. */

/** Median and spread of repeated runs, in milliseconds. */
export interface Timing {
  medianMs: number;
  minMs: number;
  iters: number;
}

/** Runs `fn` (awaited, including GPU completion inside it) `warmup` times, then until `budgetMs` or `maxIters`. */
export async function timeIt(
  fn: () => Promise<unknown>, budgetMs = 1500, opts: { warmup?: number; minIters?: number; maxIters?: number } = {},
): Promise<Timing> {
  const { warmup = 2, minIters = 3, maxIters = 40 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minIters || (samples.length < maxIters && performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, iters: samples.length };
}
