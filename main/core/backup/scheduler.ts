import type { Core } from '../core';
import { recoverArchives } from '../archive/recover-archives';
import type { Logger } from '../log';
import { pruneScheduledBackups } from './retention';
import { latestSlot, readSchedule, scheduleZone } from './schedule';
import { backupMaster, type RunStatus } from './schema';
import { backupEverything } from './take-backup';
import type { OnProgress } from './progress';

type TickResult =
  | { ran: false; reason: 'disabled' | 'not-due' | 'busy' }
  | { ran: true; status: Exclude<RunStatus, 'running'>; backupId: string | null; pruned: string[] };

interface BackupScheduler {
  /**
   * Runs the daily backup of everything if it is due: the latest slot has no successful or
   * running attempt. The app calls this at start (which catches up a slot missed while it was
   * closed) and then every minute or so from a timer.
   */
  tick(now?: Date): Promise<TickResult>;
}

interface SchedulerOptions {
  logger?: Logger;
  onProgress?: OnProgress;
}

/** A failed attempt is tried again after this long, up to MAX_ATTEMPTS times per slot. */
const RETRY_AFTER_MS = 3_600_000;
const MAX_ATTEMPTS = 3;

async function isDue(core: Core, slot: Date, now: Date): Promise<boolean> {
  const attempts = await backupMaster(core.master)
    .selectFrom('backup_runs')
    .select(['status', 'started_at'])
    .where('trigger', '=', 'scheduled')
    .where('started_at', '>=', slot.toISOString())
    .orderBy('started_at', 'desc')
    .execute();
  if (attempts.some((a) => a.status !== 'failed')) return false;
  if (attempts.length >= MAX_ATTEMPTS) return false;
  const last = attempts[0];
  return !last || now.getTime() - Date.parse(last.started_at) >= RETRY_AFTER_MS;
}

/** Archive steps left unfinished and expired archives; a failure here never stops the backup. */
async function housekeeping(core: Core, logger: Logger | undefined): Promise<void> {
  try {
    const { unfinished } = await recoverArchives(core);
    if (unfinished.length) logger?.write({ level: 'warn', event: 'archive.step-pending' });
  } catch (err) {
    logger?.write({ level: 'error', event: 'archive.purge-failed', stack: err instanceof Error ? err.stack : String(err) });
  }
}

export function createBackupScheduler(core: Core, options: SchedulerOptions = {}): BackupScheduler {
  let busy = false;
  return {
    async tick(now = core.clock()) {
      if (busy) return { ran: false, reason: 'busy' };
      busy = true;
      try {
        await housekeeping(core, options.logger);
        const schedule = await readSchedule(core);
        if (!schedule.enabled) return { ran: false, reason: 'disabled' };
        const slot = latestSlot(now, schedule);
        if (!(await isDue(core, slot, now))) return { ran: false, reason: 'not-due' };
        try {
          const backup = await backupEverything(core, { trigger: 'scheduled', slot, onProgress: options.onProgress });
          const pruned = pruneScheduledBackups(core.layout.backupsDir, {
            keepDaily: schedule.keepDaily,
            keepWeekly: schedule.keepWeekly,
            timeZone: scheduleZone(schedule),
          });
          const status = backup.manifest.failures.length ? 'partial' : 'ok';
          if (status === 'partial') options.logger?.write({ level: 'warn', event: 'backup.scheduled.partial' });
          return { ran: true, status, backupId: backup.id, pruned };
        } catch (err) {
          // recorded in master by backupEverything; the stack goes to the log only
          options.logger?.write({ level: 'error', event: 'backup.scheduled.failed', stack: err instanceof Error ? err.stack : String(err) });
          return { ran: true, status: 'failed', backupId: null, pruned: [] };
        }
      } finally {
        busy = false;
      }
    },
  };
}
