import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { backupStatus } from '../../main/core/backup/backup-status';
import { listBackupSets } from '../../main/core/backup/list-backups';
import { latestSlot, nextSlot, updateSchedule } from '../../main/core/backup/schedule';
import { createBackupScheduler } from '../../main/core/backup/scheduler';
import { backupMaster } from '../../main/core/backup/schema';
import { memoryLogger } from '../../main/core/log';
import { startTempCore, type TempCore } from '../helpers/temp-core';
import { HOUR, manualClock, newClinic } from './helpers';

let t: TempCore;
afterEach(async () => t?.dispose());

async function setup(start: string) {
  const time = manualClock(start);
  t = await startTempCore({ clock: time.clock });
  await updateSchedule(t.core, { dailyAt: '02:00', timezone: 'Europe/Berlin' });
  return time;
}

const scheduledRuns = () =>
  backupMaster(t.core.master).selectFrom('backup_runs').select(['slot', 'status', 'started_at']).where('trigger', '=', 'scheduled').orderBy('started_at').execute();

describe('schedule slots', () => {
  const schedule = { enabled: true, dailyAt: '02:00', timezone: 'Europe/Berlin', keepDaily: 7, keepWeekly: 4, archiveRetentionDays: 90 };
  test('the latest slot is today at the daily time in the schedule zone, or yesterday before it', () => {
    expect(latestSlot(new Date('2024-01-10T08:00:00Z'), schedule).toISOString()).toBe('2024-01-10T01:00:00.000Z');
    expect(latestSlot(new Date('2024-01-10T00:30:00Z'), schedule).toISOString()).toBe('2024-01-09T01:00:00.000Z');
    expect(nextSlot(new Date('2024-01-10T08:00:00Z'), schedule).toISOString()).toBe('2024-01-11T01:00:00.000Z');
  });
  test('follows the zone across a daylight-saving change', () => {
    expect(latestSlot(new Date('2024-07-10T08:00:00Z'), schedule).toISOString()).toBe('2024-07-10T00:00:00.000Z');
  });
});

describe('scheduler', () => {
  test('a slot missed while the app was closed runs once at the next start', async () => {
    const time = await setup('2024-01-09T01:05:00Z'); // 02:05 in Berlin
    const clinic = await newClinic(t.core, 'Scheduled Clinic');
    expect(await createBackupScheduler(t.core).tick()).toMatchObject({ ran: true, status: 'ok' });

    // the app is closed for two days and started again at 10:00
    time.set('2024-01-11T09:00:00Z');
    const afterRestart = createBackupScheduler(t.core);
    const caughtUp = await afterRestart.tick();
    expect(caughtUp).toMatchObject({ ran: true, status: 'ok' });
    expect(await afterRestart.tick()).toEqual({ ran: false, reason: 'not-due' });

    const runs = await scheduledRuns();
    expect(runs.map((r) => r.slot)).toEqual(['2024-01-09T01:00:00.000Z', '2024-01-11T01:00:00.000Z']);
    const status = await backupStatus(t.core, clinic.id);
    expect(status).toMatchObject({ needsAttention: false, lastSuccessAt: '2024-01-11T09:00:00.000Z', nextRunAt: '2024-01-12T01:00:00.000Z' });
  });

  test('is not due before the daily time, and due once it has passed', async () => {
    const time = await setup('2024-01-09T01:30:00Z');
    await newClinic(t.core, 'Daily Clinic');
    const scheduler = createBackupScheduler(t.core);
    expect((await scheduler.tick()).ran).toBe(true);
    time.set('2024-01-09T23:59:00Z'); // 00:59 on the 10th in Berlin
    expect(await scheduler.tick()).toEqual({ ran: false, reason: 'not-due' });
    time.set('2024-01-10T01:00:00Z');
    expect((await scheduler.tick()).ran).toBe(true);
  });

  test('does nothing while switched off', async () => {
    await setup('2024-01-09T05:00:00Z');
    await updateSchedule(t.core, { enabled: false });
    expect(await createBackupScheduler(t.core).tick()).toEqual({ ran: false, reason: 'disabled' });
    expect(await scheduledRuns()).toEqual([]);
  });

  test('a failure is recorded, logged, shown to managers and retried an hour later', async () => {
    const time = await setup('2024-01-09T05:00:00Z');
    const clinic = await newClinic(t.core, 'Failing Clinic');
    // something in the way of the backup folder
    const blocker = path.join(t.core.layout.backupsDir, '_all');
    writeFileSync(blocker, 'in the way');
    const logger = memoryLogger();
    const scheduler = createBackupScheduler(t.core, { logger });

    expect(await scheduler.tick()).toMatchObject({ ran: true, status: 'failed' });
    expect(logger.entries.map((e) => e.event)).toContain('backup.scheduled.failed');
    const status = await backupStatus(t.core, clinic.id);
    expect(status.needsAttention).toBe(true);
    expect(status.runs[0]).toMatchObject({ operation: 'backup', trigger: 'scheduled', status: 'failed', everything: true });
    expect(status.runs[0]?.message).toEqual(expect.any(String));

    time.advance(30 * 60_000);
    expect(await scheduler.tick()).toEqual({ ran: false, reason: 'not-due' });
    rmSync(blocker);
    time.advance(31 * 60_000);
    expect(await scheduler.tick()).toMatchObject({ ran: true, status: 'ok' });
    expect((await backupStatus(t.core, clinic.id)).needsAttention).toBe(false);
  });

  test("a backup of everything that could not copy one clinic is a failure for that clinic only", async () => {
    await setup('2024-01-09T05:00:00Z');
    const good = await newClinic(t.core, 'Good Clinic');
    const bad = await newClinic(t.core, 'Bad Clinic');
    await t.core.tenants.close(bad.id);
    writeFileSync(bad.dbPath, 'broken');
    expect(await createBackupScheduler(t.core).tick()).toMatchObject({ ran: true, status: 'partial' });
    expect((await backupStatus(t.core, bad.id)).runs[0]).toMatchObject({ status: 'failed', message: 'The clinic file is not a readable database.' });
    expect((await backupStatus(t.core, good.id)).runs[0]).toMatchObject({ status: 'ok', message: null });
  });

  test('keeps the last 7 daily and 4 weekly backups as the days go by', async () => {
    const time = await setup('2024-06-01T01:00:00Z');
    await newClinic(t.core, 'Retained Clinic');
    const scheduler = createBackupScheduler(t.core);
    for (let day = 1; day <= 30; day++) {
      time.set(`2024-06-${String(day).padStart(2, '0')}T01:00:00Z`); // 03:00 in Berlin
      expect((await scheduler.tick()).ran).toBe(true);
    }
    time.advance(HOUR);
    const kept = listBackupSets(t.core.layout.backupsDir).map((s) => s.manifest.createdAt.slice(0, 10));
    // 24–30 June daily (ISO week 26), and the newest of weeks 25, 24 and 23 (Sundays)
    expect(kept).toEqual(['2024-06-30', '2024-06-29', '2024-06-28', '2024-06-27', '2024-06-26', '2024-06-25', '2024-06-24', '2024-06-23', '2024-06-16', '2024-06-09']);
  });
});
