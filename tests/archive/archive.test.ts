import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { archiveClinic, beginArchive, listArchivedClinics, unarchiveClinic } from '../../main/core/archive/archive-clinic';
import { purgeExpiredArchives } from '../../main/core/archive/purge-archived';
import { archiveMaster } from '../../main/core/archive/schema';
import { updateSchedule } from '../../main/core/backup/schedule';
import { backupClinic } from '../../main/core/backup/take-backup';
import { startCore, type Core } from '../../main/core/core';
import { listWorkableClinics } from '../../main/core/master/access';
import { TEST_SCRYPT, tempDir } from '../helpers/temp-core';
import { addRegions, DAY, manualClock, newClinic, regionNames } from '../backup/helpers';

let dir: ReturnType<typeof tempDir> | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  dir?.cleanup();
  dir = undefined;
});

const time = manualClock('2024-03-01T10:00:00Z');

async function start(): Promise<Core> {
  await core?.close();
  dir ??= tempDir('medadmin-archive-');
  core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: time.clock });
  return core;
}

async function events(c: Core, clinicId: string): Promise<string[]> {
  const rows = await archiveMaster(c.master).selectFrom('archive_events').select('event').where('clinic_id', '=', clinicId).orderBy('id').execute();
  return rows.map((r) => r.event);
}

describe('archive', () => {
  test('closes the database, moves it into archive/ with the date, and the clinic can no longer be entered', async () => {
    time.set('2024-03-01T10:00:00Z');
    const c = await start();
    const clinic = await newClinic(c, 'Closing Clinic');
    await addRegions(c, clinic, 'kept', 2);
    expect(c.tenants.isOpen(clinic.id)).toBe(true);

    const archived = await archiveClinic(c, clinic.id, clinic.ownerId);

    expect(archived).toMatchObject({ slug: 'closing-clinic', archivedAt: '2024-03-01T10:00:00.000Z', purgeAfter: '2024-05-30T10:00:00.000Z' });
    expect(c.tenants.isOpen(clinic.id)).toBe(false);
    expect(existsSync(clinic.dbPath)).toBe(false);
    expect(readdirSync(c.layout.archiveDir)).toEqual(['tenant_closing_clinic--2024-03-01T10-00-00-000Z.sqlite3']);
    expect(await c.master.selectFrom('clinics').select('status').where('id', '=', clinic.id).executeTakeFirst()).toEqual({ status: 'archived' });
    expect(await listWorkableClinics(c.master, clinic.ownerId)).toEqual([]);
    expect(await events(c, clinic.id)).toEqual(['archiving', 'archived']);
    const steps = await archiveMaster(c.master).selectFrom('archive_events').select(['user_id', 'at']).where('clinic_id', '=', clinic.id).execute();
    expect(steps[0]).toEqual({ user_id: clinic.ownerId, at: '2024-03-01T10:00:00.000Z' });
    await expect(c.tenants.use(clinic, () => undefined)).rejects.toMatchObject({ reason: 'missing-file' });
  });

  test('unarchiving within the retention period brings the clinic back as it was', async () => {
    time.set('2024-03-01T10:00:00Z');
    const c = await start();
    const clinic = await newClinic(c, 'Returning Clinic');
    await addRegions(c, clinic, 'kept', 2);
    await archiveClinic(c, clinic.id, null);
    time.advance(89 * DAY);

    await unarchiveClinic(c, clinic.id, clinic.ownerId);

    expect(await c.master.selectFrom('clinics').select('status').where('id', '=', clinic.id).executeTakeFirst()).toEqual({ status: 'active' });
    expect(await regionNames(c, clinic)).toEqual(['kept 0', 'kept 1']);
    expect(readdirSync(c.layout.archiveDir)).toEqual([]);
    expect(await listArchivedClinics(c)).toEqual([]);
    expect((await listWorkableClinics(c.master, clinic.ownerId)).map((x) => x.slug)).toEqual(['returning-clinic']);
    expect(await events(c, clinic.id)).toEqual(['archiving', 'archived', 'unarchiving', 'unarchived']);
  });

  test('a suspended clinic comes back suspended', async () => {
    time.set('2024-03-01T10:00:00Z');
    const c = await start();
    const clinic = await newClinic(c, 'Suspended Clinic');
    await c.master.updateTable('clinics').set({ status: 'suspended' }).where('id', '=', clinic.id).execute();
    await archiveClinic(c, clinic.id, null);
    await unarchiveClinic(c, clinic.id, null);
    expect(await c.master.selectFrom('clinics').select('status').where('id', '=', clinic.id).executeTakeFirst()).toEqual({ status: 'suspended' });
  });

  test('after the retention period it can no longer be brought back, and the next start purges it', async () => {
    time.set('2024-03-01T10:00:00Z');
    let c = await start();
    const clinic = await newClinic(c, 'Expired Clinic');
    await backupClinic(c, clinic.id, { trigger: 'manual' });
    await archiveClinic(c, clinic.id, null);

    time.set('2024-05-29T10:00:00Z'); // day 89: a start changes nothing
    c = await start();
    expect(await listArchivedClinics(c)).toHaveLength(1);

    time.set('2024-05-30T10:00:01Z');
    await expect(unarchiveClinic(c, clinic.id, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    c = await start();

    expect(await c.master.selectFrom('clinics').select('id').where('id', '=', clinic.id).executeTakeFirst()).toBeUndefined();
    expect(await c.master.selectFrom('memberships').select('user_id').where('clinic_id', '=', clinic.id).execute()).toEqual([]);
    expect(readdirSync(c.layout.archiveDir)).toEqual([]);
    expect(existsSync(path.join(c.layout.backupsDir, 'expired-clinic'))).toBe(false);
    // the history outlives the clinic
    expect(await events(c, clinic.id)).toEqual(['archiving', 'archived', 'purging', 'purged']);
    await expect(unarchiveClinic(c, clinic.id, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('purge-archived follows the configured retention period', async () => {
    time.set('2024-03-01T10:00:00Z');
    const c = await start();
    await updateSchedule(c, { archiveRetentionDays: 30 });
    const short = await newClinic(c, 'Short Stay');
    const other = await newClinic(c, 'Still Here');
    await archiveClinic(c, short.id, null);
    time.advance(29 * DAY);
    expect(await purgeExpiredArchives(c)).toEqual([]);
    time.advance(DAY);
    expect(await purgeExpiredArchives(c)).toEqual(['short-stay']);
    expect(await regionNames(c, other)).toEqual([]);
  });

  test('an archive whose move was interrupted is finished at the next start', async () => {
    time.set('2024-03-01T10:00:00Z');
    let c = await start();
    const clinic = await newClinic(c, 'Interrupted Clinic');
    // the first step committed, then the process ended before the file moved
    await beginArchive(c, clinic.id, null);
    expect(existsSync(clinic.dbPath)).toBe(true);

    c = await start();

    expect(existsSync(clinic.dbPath)).toBe(false);
    expect(readdirSync(c.layout.archiveDir)).toHaveLength(1);
    expect(await events(c, clinic.id)).toEqual(['archiving', 'archived']);
  });

  test('a move blocked by another program leaves the clinic archived and is finished once the file is free', async () => {
    time.set('2024-03-01T10:00:00Z');
    let c = await start();
    const clinic = await newClinic(c, 'Held Clinic');
    const other = new Database(clinic.dbPath);
    other.prepare('select 1 from regions').all();
    try {
      await expect(archiveClinic(c, clinic.id, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      other.close();
    }
    expect(await c.master.selectFrom('clinics').select('status').where('id', '=', clinic.id).executeTakeFirst()).toEqual({ status: 'archived' });
    expect(existsSync(clinic.dbPath)).toBe(true);
    c = await start();
    expect(existsSync(clinic.dbPath)).toBe(false);
    expect(await events(c, clinic.id)).toEqual(['archiving', 'archived']);
  });
});
