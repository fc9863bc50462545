/**
 * Main's log: one JSON line per entry. Entries carry names, codes and timings only — never
 * input values, patient data or passwords — so the log can be handed to support as it is.
 * Stacks (which may hold file paths) appear here and nowhere else.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  /** What happened, as a stable dotted name such as `call.failed`. */
  event: string;
  channel?: string;
  code?: string;
  reason?: string;
  durationMs?: number;
  stack?: string;
}

export interface Logger {
  write(entry: LogEntry): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes entries at or above `minLevel` to stderr, stamped with the time. */
export function streamLogger(minLevel: LogLevel = 'info', out: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return {
    write(entry) {
      if (RANK[entry.level] < RANK[minLevel]) return;
      out(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
    },
  };
}

/** Keeps entries in memory: for tests and for showing recent problems on a diagnostics screen. */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { entries, write: (entry) => void entries.push(entry) };
}
