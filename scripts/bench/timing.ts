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

/** Times several tasks round-robin (one run of each per round), so load drift on a shared machine hits
 *  every task alike; stops after `budgetMs` (at least `minRounds`). Returns timings by task name. */
export async function timeRounds(
  tasks: Record<string, () => Promise<unknown>>, budgetMs: number, minRounds = 5, maxRounds = 40,
): Promise<Record<string, Timing>> {
  const names = Object.keys(tasks);
  for (const n of names) await tasks[n]!();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const start = performance.now();
  for (let r = 0; r < maxRounds && (r < minRounds || performance.now() - start < budgetMs); r++) {
    for (const n of names) {
      const t0 = performance.now();
      await tasks[n]!();
      samples[n]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => {
    const s = samples[n]!.sort((a, b) => a - b);
    return [n, { medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, iters: s.length }];
  }));
}
