import { afterEach, expect, test } from 'vitest';
import path from 'node:path';
import { masterMigrations } from '../../migrations/master';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate } from '../../main/core/db/migrator';
import { openSqlite } from '../../main/core/db/sqlite';
import type { MasterDB } from '../../main/core/master/schema';
import { tempDir } from '../helpers/temp-core';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

test('0030-access-controls adds per-clinic disabling, idle time and last clinic to a database that has data', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const sqlite = openSqlite(path.join(dir, 'master.sqlite3'), { create: true });
  const db = kyselyOver<MasterDB>(sqlite);
  try {
    const before = masterMigrations.filter((m) => m.name < '0030');
    await migrate(db, before);
    sqlite.exec(`insert into clinics (id, name, slug, db_name, contact_email, status, timezone, currency, provisioning_state, created_at)
      values ('c1', 'Old Clinic', 'old-clinic', 'tenant_old_clinic', 'a@b.example', 'active', 'UTC', 'EUR', 'ready', '2024-01-01T00:00:00Z')`);
    sqlite.exec(`insert into users (id, email, email_key, full_name, password_hash, created_at) values ('u1', 'a@b.example', 'a@b.example', 'A', 'x', '2024-01-01T00:00:00Z')`);
    sqlite.exec(`insert into memberships (user_id, clinic_id, role, created_at) values ('u1', 'c1', 'owner', '2024-01-01T00:00:00Z')`);

    expect(await migrate(db, masterMigrations.filter((m) => m.name <= '0030-access-controls'))).toEqual(['0030-access-controls']);
    expect(await db.selectFrom('memberships').select('disabled').executeTakeFirst()).toEqual({ disabled: 0 });
    expect(await db.selectFrom('clinics').select('idle_timeout_minutes').executeTakeFirst()).toEqual({ idle_timeout_minutes: 15 });
    expect(await db.selectFrom('users').select('last_clinic_id').executeTakeFirst()).toEqual({ last_clinic_id: null });
    expect(() => sqlite.exec(`update clinics set idle_timeout_minutes = 0`)).toThrow(/CHECK/);
    expect(() => sqlite.exec(`update clinics set idle_timeout_minutes = 241`)).toThrow(/CHECK/);
    expect(() => sqlite.exec(`update memberships set disabled = 2`)).toThrow(/CHECK/);
    // a clinic that goes leaves no dangling "last clinic"
    sqlite.exec(`update users set last_clinic_id = 'c1'`);
    sqlite.exec(`delete from clinics where id = 'c1'`);
    expect(await db.selectFrom('users').select('last_clinic_id').executeTakeFirst()).toEqual({ last_clinic_id: null });
  } finally {
    await db.destroy();
  }
});
