/** Timing helpers: every figure in the table is a median or a percentile of many samples. */

/** Nearest-rank percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds since `start` (a performance.now() reading). */
export const since = (start: number): number => performance.now() - start;

/** Runs `fn` once per item, one after the other, and returns each run's duration in ms. */
export async function timeEach<T>(items: readonly T[], fn: (item: T, index: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (const [index, item] of items.entries()) {
    const start = performance.now();
    await fn(item, index);
    times.push(since(start));
  }
  return times;
}

/** Rounds for the table and results.json: three significant digits, at most three decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}
