import type { BackupRunInfo, BackupStatus } from '../../../preload/contract/channels/backup';
import type { Core } from '../core';
import { nextSlot, readSchedule } from './schedule';
import { backupMaster, type BackupRunRow } from './schema';
import type { BackupFailure } from './manifest';

const SHOWN_RUNS = 20;
/** With the schedule on, no successful backup for this long needs a manager's attention. */
const STALE_AFTER_MS = 48 * 3_600_000;

/**
 * A run as it concerns one clinic: a backup of everything that copied this clinic succeeded
 * for it even if another clinic failed, and other clinics' names are not shown.
 */
function asSeenBy(clinicId: string, run: BackupRunRow): BackupRunInfo {
  const failures: BackupFailure[] = run.failures ? (JSON.parse(run.failures) as BackupFailure[]) : [];
  const mine = failures.find((f) => f.clinicId === clinicId);
  const status = run.status === 'partial' ? (mine ? 'failed' : 'ok') : run.status;
  return {
    id: run.id,
    operation: run.operation,
    trigger: run.trigger,
    everything: run.clinic_id === null,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    status,
    backupId: mine ? null : run.backup_id,
    message: run.status === 'partial' ? (mine?.message ?? null) : run.message,
  };
}

/**
 * What managers see of the backups of their clinic: the schedule, recent runs and whether
 * something needs attention (the latest backup failed, or none succeeded lately).
 */
export async function backupStatus(core: Core, clinicId: string): Promise<BackupStatus> {
  const schedule = await readSchedule(core);
  const rows = await backupMaster(core.master)
    .selectFrom('backup_runs')
    .selectAll()
    .where((eb) => eb.or([eb('clinic_id', '=', clinicId), eb('clinic_id', 'is', null)]))
    .orderBy('started_at', 'desc')
    .limit(SHOWN_RUNS)
    .execute();
  const runs = rows.map((r) => asSeenBy(clinicId, r));
  const backups = runs.filter((r) => r.operation === 'backup' && r.status !== 'running');
  const lastSuccessAt = backups.find((r) => r.status === 'ok')?.finishedAt ?? null;
  const now = core.clock();
  const stale = schedule.enabled && (!lastSuccessAt || now.getTime() - Date.parse(lastSuccessAt) > STALE_AFTER_MS);
  return {
    schedule,
    nextRunAt: schedule.enabled ? nextSlot(now, schedule).toISOString() : null,
    lastSuccessAt,
    needsAttention: backups[0]?.status === 'failed' || stale,
    runs,
  };
}
