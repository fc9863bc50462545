import { TZDate } from '@date-fns/tz';
import { scheduleUpdateSchema, type BackupSchedule } from '../../../preload/contract/channels/backup';
import { machineTimezone } from '../../../preload/contract/common-schemas';
import type { Core } from '../core';
import { parseInput } from '../validate';
import { backupMaster, type BackupSettingsRow } from './schema';

const fromRow = (row: BackupSettingsRow): BackupSchedule => ({
  enabled: row.enabled === 1,
  dailyAt: row.daily_at,
  timezone: row.timezone,
  keepDaily: row.keep_daily,
  keepWeekly: row.keep_weekly,
  archiveRetentionDays: row.archive_retention_days,
});

export async function readSchedule(core: Core): Promise<BackupSchedule> {
  return fromRow(await backupMaster(core.master).selectFrom('backup_settings').selectAll().where('singleton', '=', 1).executeTakeFirstOrThrow());
}

export async function updateSchedule(core: Core, input: unknown): Promise<BackupSchedule> {
  const change = parseInput(scheduleUpdateSchema, input);
  const set: Partial<BackupSettingsRow> = { updated_at: core.clock().toISOString() };
  if (change.enabled !== undefined) set.enabled = change.enabled ? 1 : 0;
  if (change.dailyAt !== undefined) set.daily_at = change.dailyAt;
  if (change.timezone !== undefined) set.timezone = change.timezone;
  if (change.keepDaily !== undefined) set.keep_daily = change.keepDaily;
  if (change.keepWeekly !== undefined) set.keep_weekly = change.keepWeekly;
  if (change.archiveRetentionDays !== undefined) set.archive_retention_days = change.archiveRetentionDays;
  await backupMaster(core.master).updateTable('backup_settings').set(set).where('singleton', '=', 1).execute();
  return readSchedule(core);
}

export const scheduleZone = (schedule: BackupSchedule): string => schedule.timezone ?? machineTimezone();

function slotOn(local: TZDate, dayOffset: number, schedule: BackupSchedule): Date {
  const [hours, minutes] = schedule.dailyAt.split(':').map(Number);
  const slot = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + dayOffset, hours ?? 0, minutes ?? 0, 0, 0, scheduleZone(schedule));
  return new Date(slot.getTime());
}

/** The most recent time the daily backup was due, at or before `now`. */
export function latestSlot(now: Date, schedule: BackupSchedule): Date {
  const local = new TZDate(now.getTime(), scheduleZone(schedule));
  const today = slotOn(local, 0, schedule);
  return today.getTime() <= now.getTime() ? today : slotOn(local, -1, schedule);
}

/** The next time the daily backup is due, after `now`. */
export function nextSlot(now: Date, schedule: BackupSchedule): Date {
  const local = new TZDate(now.getTime(), scheduleZone(schedule));
  const today = slotOn(local, 0, schedule);
  return today.getTime() > now.getTime() ? today : slotOn(local, 1, schedule);
}
