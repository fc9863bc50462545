import type { Mode, Sizes } from './mode';
import { metric, type Metric, type MetricName } from './results';
import { round } from './stats';

/** What every metric group gets: the sizes of this run, a scratch folder, and where figures go. */
export interface RunContext {
  mode: Mode;
  sizes: Sizes;
  /** The run's temporary folder; everything under it is removed at the end. */
  dir: string;
  metrics: Partial<Record<MetricName, Metric>>;
  /** Lines printed under the table: how a figure was taken, and what explains a miss. */
  notes: string[];
  record(name: MetricName, value: number, baselines?: { raw?: number; naive?: number }): void;
  note(text: string): void;
  progress(text: string): void;
}

export function runContext(mode: Mode, sizes: Sizes, dir: string): RunContext {
  const started = performance.now();
  const ctx: RunContext = {
    mode,
    sizes,
    dir,
    metrics: {},
    notes: [],
    record(name, value, baselines) {
      ctx.metrics[name] = metric(name, value, baselines);
      const m = ctx.metrics[name];
      ctx.progress(`${name} = ${m.value} ${m.unit}${m.raw !== undefined ? ` (raw ${m.raw})` : ''}${m.naive !== undefined ? ` (naive ${m.naive})` : ''}`);
    },
    note(text) {
      ctx.notes.push(text);
      ctx.progress(`note: ${text}`);
    },
    progress(text) {
      process.stderr.write(`[${round((performance.now() - started) / 1000)} s] ${text}\n`);
    },
  };
  return ctx;
}
