import { randomUUID } from 'node:crypto';
import type { Core } from '../core';
import { AppError } from '../errors';
import type { BackupTrigger } from '../../../preload/contract/channels/backup';
import { backupMaster, type RunOperation, type RunStatus } from './schema';
import type { BackupFailure } from './manifest';

interface RunStart {
  operation: RunOperation;
  trigger: BackupTrigger;
  clinicId: string | null;
  /** For scheduled runs: the slot this run stands for. */
  slot?: Date;
}

interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  backupId?: string | null;
  message?: string | null;
  failures?: BackupFailure[];
}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOSPC: 'The disk is full.',
  EDQUOT: 'The disk quota is used up.',
  EACCES: 'MedAdmin is not allowed to write there.',
  EPERM: 'MedAdmin is not allowed to write there.',
  EROFS: 'The destination is read-only.',
  ENOENT: 'A file or folder it needed is missing.',
  EIO: 'The disk reported a read or write error.',
};

/**
 * A failure as it is stored and shown: an AppError's own message, a known system error in
 * plain words, anything else a generic line (the details go to the log, never to master).
 */
export function failureMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return ERRNO_MESSAGES[code] ?? 'It failed unexpectedly; the details are in the application log.';
}

async function startRun(core: Core, run: RunStart): Promise<string> {
  const id = randomUUID();
  await backupMaster(core.master)
    .insertInto('backup_runs')
    .values({
      id,
      operation: run.operation,
      trigger: run.trigger,
      clinic_id: run.clinicId,
      slot: run.slot ? run.slot.toISOString() : null,
      started_at: core.clock().toISOString(),
      finished_at: null,
      status: 'running',
      backup_id: null,
      message: null,
      failures: null,
    })
    .execute();
  return id;
}

/** Records how a run ended; a finished run can still be marked failed by a later check of its work. */
export async function finishRun(core: Core, runId: string, end: RunEnd): Promise<void> {
  await backupMaster(core.master)
    .updateTable('backup_runs')
    .set({
      status: end.status,
      finished_at: core.clock().toISOString(),
      backup_id: end.backupId ?? null,
      message: end.message ?? null,
      failures: end.failures?.length ? JSON.stringify(end.failures) : null,
    })
    .where('id', '=', runId)
    .execute();
}

/** Runs `fn` as a recorded run: whatever happens, master says how it ended. */
export async function recordedRun<T>(core: Core, run: RunStart, fn: (runId: string) => Promise<{ value: T; end: RunEnd }>): Promise<T> {
  const runId = await startRun(core, run);
  try {
    const { value, end } = await fn(runId);
    await finishRun(core, runId, end);
    return value;
  } catch (err) {
    await finishRun(core, runId, { status: 'failed', message: failureMessage(err) });
    throw err;
  }
}

/** A run still "running" this long after it started was cut short by a crash or a closed app. */
const INTERRUPTED_AFTER_MS = 6 * 3_600_000;

export async function markInterruptedRuns(core: Core): Promise<void> {
  const cutoff = new Date(core.clock().getTime() - INTERRUPTED_AFTER_MS).toISOString();
  await backupMaster(core.master)
    .updateTable('backup_runs')
    .set({ status: 'failed', message: 'It did not finish: MedAdmin was closed or stopped while it ran.' })
    .where('status', '=', 'running')
    .where('started_at', '<', cutoff)
    .execute();
}
