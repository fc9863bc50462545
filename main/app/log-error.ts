import type { Logger } from '../core/log';

/** Main's log is the one place stacks (and the paths in them) may go; never the page. */
export function logError(log: Logger, event: string, err: unknown, channel?: string): void {
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log.write({ level: 'error', event, ...(channel && { channel }), stack });
}
