/** Progress of one long operation, as the CLI's bar and the renderer's progress events show it. */
export interface Progress {
  done: number;
  total: number;
  /** Short and non-identifying: a clinic's name or a step such as "Verifying". */
  label?: string;
}

export type OnProgress = (progress: Progress) => void;

/** Named points inside an operation; the crash tests stop a child process at each of them. */
export type AfterStep<S extends string> = (step: S) => void | Promise<void>;

/**
 * Reports one of `count` phases of an operation as part of the whole, so the bar runs once
 * from 0 to `count` however each phase counts its own work (pages, chunks, bytes).
 */
export function phase(onProgress: OnProgress | undefined, index: number, count: number): OnProgress | undefined {
  if (!onProgress) return undefined;
  return (p) => onProgress({ done: index + (p.total ? Math.min(1, p.done / p.total) : 1), total: count, ...(p.label && { label: p.label }) });
}
