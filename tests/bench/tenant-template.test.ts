import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate, type Migration } from '../../main/core/db/migrator';
import { openSqlite } from '../../main/core/db/sqlite';
import { buildTenantFile } from '../../main/core/tenancy/build-tenant-file';
import { digest, listDir, peek, schemaSnapshot } from '../foundation/helpers';
import { clinicInput, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';
import { registerClinic } from '../../main/core/tenancy/register-clinic';

let dir: { dir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir('medadmin-template-');
});
afterEach(() => dir.cleanup());

const clinic = (slug: string) => ({ id: randomUUID(), slug });
const file = (name: string) => path.join(dir.dir, `${name}.sqlite3`);

/** Bytes 18 and 19 of an SQLite header: 2 for a WAL database, 1 for a rollback-journal one. */
function journalBytes(f: string): [number, number] {
  const header = Buffer.alloc(20);
  const fd = openSync(f, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return [header[18]!, header[19]!];
}

describe('a clinic file built from the migrated template', () => {
  test('has exactly the schema of a file migrated step by step on disk', async () => {
    await buildTenantFile(file('from-template'), clinic('from-template'));
    const sqlite = openSqlite(file('step-by-step'), { create: true });
    const db = kyselyOver(sqlite);
    await migrate(db, tenantMigrations);
    await db.destroy();
    expect(schemaSnapshot(file('from-template'))).toEqual(schemaSnapshot(file('step-by-step')));
  });

  test('runs each migration once per list, however many clinic files are built', async () => {
    let runs = 0;
    const counted: Migration[] = [
      ...tenantMigrations,
      {
        name: '9000-counted',
        up: async (db) => {
          runs += 1;
          await sql`create table counted (id integer)`.execute(db);
        },
      },
    ];
    for (const slug of ['one', 'two', 'three']) await buildTenantFile(file(slug), clinic(slug), { migrations: counted });
    expect(runs).toBe(1);
    for (const slug of ['one', 'two', 'three']) {
      expect(peek(file(slug), (db) => db.prepare(`select name from medadmin_migrations where name = '9000-counted'`).pluck().get())).toBe('9000-counted');
      expect(peek(file(slug), (db) => db.prepare('select slug from clinic_identity').pluck().get())).toBe(slug);
    }
  });

  test('a list that fails to build is not kept: nothing is written and the next build runs it again', async () => {
    let attempts = 0;
    const flaky: Migration[] = [
      ...tenantMigrations,
      {
        name: '9000-flaky',
        up: async (db) => {
          attempts += 1;
          if (attempts === 1) throw new Error('first attempt fails');
          await sql`create table flaky (id integer)`.execute(db);
        },
      },
    ];
    await expect(buildTenantFile(file('first'), clinic('first'), { migrations: flaky })).rejects.toThrow('first attempt fails');
    expect(listDir(dir.dir)).toEqual([]);
    await buildTenantFile(file('second'), clinic('second'), { migrations: flaky });
    expect(attempts).toBe(2);
    expect(listDir(dir.dir)).toEqual(['second.sqlite3']);
  });

  test('is a WAL database on disk, so its first open leaves the file as it is', async () => {
    await buildTenantFile(file('wal'), clinic('wal'));
    expect(journalBytes(file('wal'))).toEqual([2, 2]);
    const before = digest(file('wal'));
    const db = openSqlite(file('wal'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(digest(file('wal'))).toBe(before);
  });

  test('its migration records are dated to the clinic’s creation, not to the template’s', async () => {
    const created = new Date('2031-03-04T05:06:07.000Z');
    await buildTenantFile(file('dated'), clinic('dated'), { now: created });
    expect(peek(file('dated'), (db) => db.prepare('select distinct applied_at from medadmin_migrations').pluck().all())).toEqual([created.toISOString()]);
  });
});

describe('registration over the template', () => {
  let t: TempCore;
  beforeEach(async () => {
    t = await startTempCore();
  });
  afterEach(async () => t.dispose());

  test('clinics registered one after another each get their own stamp on the same schema', async () => {
    const a = await registerClinic(t.core, clinicInput('Alpha Clinic'));
    const b = await registerClinic(t.core, clinicInput('Bravo Clinic'));
    expect(schemaSnapshot(a.dbPath)).toEqual(schemaSnapshot(b.dbPath));
    expect(peek(a.dbPath, (db) => db.prepare('select clinic_id, slug from clinic_identity').get())).toEqual({ clinic_id: a.id, slug: 'alpha-clinic' });
    expect(peek(b.dbPath, (db) => db.prepare('select clinic_id, slug from clinic_identity').get())).toEqual({ clinic_id: b.id, slug: 'bravo-clinic' });
    expect(await t.core.tenants.use(b, (h) => h.migrated)).toEqual([]);
  });
});
