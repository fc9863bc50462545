import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The longest time the event loop (the app's main process) was held while `fn` ran: anything a
 * window asked meanwhile waited at least this long for an answer.
 */
export async function maxStallDuring<T>(fn: () => Promise<T>): Promise<{ value: T; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const value = await fn();
    return { value, maxStallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}
