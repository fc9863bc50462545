import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { masterMigrations } from '../../migrations/master';
import { tenantMigrations } from '../../migrations/tenant';
import { archiveMaster } from '../../main/core/archive/schema';
import { backupMaster } from '../../main/core/backup/schema';
import type { TenantDB } from '../../main/core/clinic/schema';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate } from '../../main/core/db/migrator';
import { openMemory } from '../../main/core/db/sqlite';
import type { MasterDB } from '../../main/core/master/schema';

const MASTER_MINE = ['0040-backups', '0041-clinic-archive'];

test('0040 and 0041 give an existing master the default schedule and the archive tables', async () => {
  const sqlite = openMemory();
  const db = kyselyOver<MasterDB>(sqlite);
  try {
    await migrate(db, masterMigrations.filter((m) => m.name < '0040'));
    sqlite.exec(`insert into clinics (id, name, slug, db_name, contact_email, status, timezone, currency, provisioning_state, created_at)
      values ('c1', 'Old Clinic', 'old-clinic', 'tenant_old_clinic', 'a@b.example', 'archived', 'UTC', 'EUR', 'ready', '2024-01-01T00:00:00Z')`);

    expect(await migrate(db, masterMigrations.filter((m) => m.name <= '0041-clinic-archive'))).toEqual(MASTER_MINE);

    expect(await backupMaster(db).selectFrom('backup_settings').selectAll().execute()).toEqual([
      { singleton: 1, enabled: 1, daily_at: '02:00', timezone: null, keep_daily: 7, keep_weekly: 4, archive_retention_days: 90, updated_at: null },
    ]);
    for (const bad of ['keep_daily = 0', 'keep_weekly = -1', 'archive_retention_days = 0', 'enabled = 2']) {
      expect(() => sqlite.exec(`update backup_settings set ${bad}`)).toThrow(/CHECK/);
    }
    expect(() => sqlite.exec(`insert into backup_settings (singleton) values (2)`)).toThrow(/CHECK/);
    expect(() => sqlite.exec(`insert into backup_runs (id, operation, trigger, started_at, status) values ('r', 'backup', 'nightly', 'x', 'ok')`)).toThrow(/CHECK/);

    // the archive row goes with its clinic; the history stays
    sqlite.exec(`insert into clinic_archives (clinic_id, state, previous_status, file_name, archived_at, purge_after) values ('c1', 'archived', 'active', 'f.sqlite3', 'x', 'y')`);
    sqlite.exec(`insert into archive_events (clinic_id, slug, event, at) values ('c1', 'old-clinic', 'archived', 'x')`);
    expect(() => sqlite.exec(`update clinic_archives set state = 'gone'`)).toThrow(/CHECK/);
    sqlite.exec(`delete from clinics where id = 'c1'`);
    expect(await archiveMaster(db).selectFrom('clinic_archives').selectAll().execute()).toEqual([]);
    expect(await archiveMaster(db).selectFrom('archive_events').select('event').execute()).toEqual([{ event: 'archived' }]);
  } finally {
    await db.destroy();
  }
});

test('0070 gives an existing clinic file an empty profile table holding at most one row', async () => {
  const sqlite = openMemory();
  const db = kyselyOver<TenantDB>(sqlite);
  try {
    await migrate(db, tenantMigrations.filter((m) => m.name < '0070'));
    await sql`insert into regions (id, name, code, created_at, updated_at) values ('r1', 'North', 'N', 'x', 'x')`.execute(db);
    expect(await migrate(db, tenantMigrations.filter((m) => m.name <= '0070-clinic-profile'))).toEqual(['0070-clinic-profile']);
    expect(await db.selectFrom('clinic_profile').selectAll().execute()).toEqual([]);
    sqlite.exec(`insert into clinic_profile (singleton, name, contact_email, timezone, currency, copied_at) values (1, 'A', 'a@b.example', 'UTC', 'EUR', 'x')`);
    expect(() => sqlite.exec(`insert into clinic_profile (singleton, name, contact_email, timezone, currency, copied_at) values (2, 'B', 'b@b.example', 'UTC', 'EUR', 'x')`)).toThrow(/CHECK/);
    expect(await db.selectFrom('regions').select('name').execute()).toEqual([{ name: 'North' }]);
  } finally {
    await db.destroy();
  }
});
