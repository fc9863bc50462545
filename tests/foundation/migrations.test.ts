import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { masterMigrations } from '../../migrations/master';
import { tenantMigrations } from '../../migrations/tenant';
import { init as tenantInit } from '../../migrations/tenant/0010-init';
import { startCore } from '../../main/core/core';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { checkMigrationList, migrate, migrationState, NewerSchemaError, type Migration } from '../../main/core/db/migrator';
import { openSqlite } from '../../main/core/db/sqlite';
import { buildTenantFile } from '../../main/core/tenancy/build-tenant-file';
import { migrateAllTenants, type TenantMigrationResult } from '../../main/core/tenancy/migrate-all';
import { openTenant } from '../../main/core/tenancy/open-tenant';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, tempDir, TEST_SCRYPT, type TempCore } from '../helpers/temp-core';
import { digest, peek, registerMany, schemaSnapshot } from './helpers';

const slugOf = async (db: Kysely<unknown>): Promise<string> =>
  (await sql<{ slug: string }>`select slug from clinic_identity`.execute(db)).rows[0]?.slug ?? '';

/** A migration that creates a table, then fails on the clinics named, after its first statement ran. */
const addVisits = (failFor: string[] = []): Migration => ({
  name: '0900-test-visits',
  async up(db) {
    await sql`create table test_visits (id text primary key)`.execute(db);
    await sql`create index test_visits_id on test_visits (id)`.execute(db);
    if (failFor.includes(await slugOf(db))) throw new Error('injected failure');
  },
});

const addNotes = (failFor: string[] = []): Migration => ({
  name: '0910-test-notes',
  async up(db) {
    await sql`create table test_notes (id text primary key)`.execute(db);
    if (failFor.includes(await slugOf(db))) throw new Error('injected failure');
  },
});

function addUnknownMigration(file: string, name = '9990-from-the-future'): void {
  const db = new Database(file, { fileMustExist: true });
  db.prepare('insert into medadmin_migrations (name, applied_at) values (?, ?)').run(name, new Date().toISOString());
  db.close();
}

describe('checkMigrationList', () => {
  const m = (name: string): Migration => ({ name, up: async () => undefined });

  test('accepts the product lists', () => {
    expect(checkMigrationList(masterMigrations)).toBe(masterMigrations);
    expect(checkMigrationList(tenantMigrations)).toBe(tenantMigrations);
  });

  test.each([
    ['out of order', ['0020-b', '0010-a']],
    ['a duplicate name', ['0010-a', '0010-a']],
    ['a duplicate number', ['0010-a', '0010-b']],
    ['a name without a number', ['0010-a', 'add-things']],
    ['a name with uppercase', ['0010-Add']],
    ['a three-digit number', ['010-a']],
  ])('rejects %s', (_what, names) => {
    expect(() => checkMigrationList(names.map(m))).toThrow();
  });
});

describe('migrate on one database', () => {
  let dir: { dir: string; cleanup: () => void };
  let db: Kysely<unknown>;
  beforeEach(() => {
    dir = tempDir();
    db = kyselyOver(openSqlite(`${dir.dir}/db.sqlite3`, { create: true }));
  });
  afterEach(async () => {
    await db.destroy();
    dir.cleanup();
  });

  const tables = async () =>
    (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name like 'test_%' order by name`.execute(db)).rows.map((r) => r.name);

  test('each migration commits on its own: a failing one is rolled back, the earlier one stays', async () => {
    const first: Migration = { name: '0010-first', up: async (d) => void (await sql`create table test_first (id integer)`.execute(d)) };
    const failing: Migration = {
      name: '0020-failing',
      async up(d) {
        await sql`create table test_half (id integer)`.execute(d);
        await sql`insert into test_first values (1)`.execute(d);
        throw new Error('injected failure');
      },
    };
    await expect(migrate(db, [first, failing])).rejects.toThrow(/0020-failing/);
    expect(await tables()).toEqual(['test_first']);
    expect((await sql<{ n: number }>`select count(*) as n from test_first`.execute(db)).rows[0]?.n).toBe(0);
    expect(await migrationState(db, [first, failing])).toEqual({ applied: ['0010-first'], pending: ['0020-failing'], unknown: [] });
  });

  test('a second run applies nothing', async () => {
    const list: Migration[] = [{ name: '0010-first', up: async (d) => void (await sql`create table test_first (id integer)`.execute(d)) }];
    expect(await migrate(db, list)).toEqual(['0010-first']);
    expect(await migrate(db, list)).toEqual([]);
  });

  test('a database with a migration this build does not know is refused before anything runs', async () => {
    const list: Migration[] = [{ name: '0010-first', up: async (d) => void (await sql`create table test_first (id integer)`.execute(d)) }];
    await migrate(db, list);
    await sql`insert into medadmin_migrations (name, applied_at) values ('0050-newer', 'x')`.execute(db);
    const second: Migration = { name: '0020-second', up: async (d) => void (await sql`create table test_second (id integer)`.execute(d)) };
    await expect(migrate(db, [...list, second])).rejects.toBeInstanceOf(NewerSchemaError);
    expect(await tables()).toEqual(['test_first']);
  });
});

describe('clinic databases', () => {
  let t: TempCore;
  beforeEach(async () => {
    t = await startTempCore();
  });
  afterEach(async () => t.dispose());

  test('opening a clinic whose database is behind migrates it first', async () => {
    const clinic = await registerClinic(t.core, clinicInput('Old Clinic'));
    rmSync(clinic.dbPath);
    await buildTenantFile(clinic.dbPath, clinic, { migrations: [tenantInit] });
    expect(peek(clinic.dbPath, (db) => db.prepare('select name from medadmin_migrations').pluck().all())).toEqual(['0010-init']);
    const migrated = await t.core.tenants.use(clinic, async (h) => {
      await h.db.selectFrom('audit_log').selectAll().execute();
      return h.migrated;
    });
    expect(migrated).toEqual(tenantMigrations.slice(1).map((m) => m.name));
  });

  test('a clinic database from a newer version is refused and left untouched', async () => {
    const [clinic] = await registerMany(t.core, 1);
    addUnknownMigration(clinic!.dbPath);
    const before = digest(clinic!.dbPath);
    await expect(t.core.tenants.use(clinic!, () => undefined)).rejects.toMatchObject({ reason: 'newer-schema' });
    const withExtra = [...tenantMigrations, addVisits()];
    await expect(openTenant(t.core.layout.tenantsDir, clinic!, withExtra)).rejects.toMatchObject({ reason: 'newer-schema' });
    expect(digest(clinic!.dbPath)).toBe(before);
    expect(existsSync(`${clinic!.dbPath}-wal`)).toBe(false);
  });
});

describe('the master database', () => {
  test('a master database from a newer version is refused at start and left untouched', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const core = await startCore({ dataDir: dir, scrypt: TEST_SCRYPT });
      await core.close();
      addUnknownMigration(core.layout.masterPath);
      const before = digest(core.layout.masterPath);
      await expect(startCore({ dataDir: dir, scrypt: TEST_SCRYPT })).rejects.toBeInstanceOf(NewerSchemaError);
      expect(digest(core.layout.masterPath)).toBe(before);
    } finally {
      cleanup();
    }
  });
});

describe('migrateAllTenants', () => {
  let t: TempCore;
  let clinics: RegisteredClinic[];
  beforeEach(async () => {
    t = await startTempCore();
    clinics = await registerMany(t.core, 3);
  });
  afterEach(async () => t.dispose());

  const bySlug = (results: TenantMigrationResult[]) => Object.fromEntries(results.map((r) => [r.slug, r]));

  test('reports every clinic up to date, in slug order, through onResult as it goes', async () => {
    const seen: [string, number, number][] = [];
    const run = await migrateAllTenants(t.core, { onResult: (r, i, n) => seen.push([r.slug, i, n]) });
    expect(run.failed).toBe(false);
    expect(run.results).toEqual(['clinic-0', 'clinic-1', 'clinic-2'].map((slug) => ({ slug, result: 'up-to-date', applied: [] })));
    expect(seen).toEqual([
      ['clinic-0', 0, 3],
      ['clinic-1', 1, 3],
      ['clinic-2', 2, 3],
    ]);
  });

  test('applies new migrations to every clinic and reports their names', async () => {
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits(), addNotes()] });
    expect(run.failed).toBe(false);
    for (const r of run.results) expect(r).toEqual({ slug: r.slug, result: 'applied', applied: ['0900-test-visits', '0910-test-notes'] });
    const again = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits(), addNotes()] });
    expect(again.results.map((r) => r.result)).toEqual(['up-to-date', 'up-to-date', 'up-to-date']);
  });

  test('a migration failing on one clinic leaves that file exactly as it was; the others migrate', async () => {
    const victim = clinics[1]!;
    const before = schemaSnapshot(victim.dbPath);
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits([victim.slug])] });
    expect(run.failed).toBe(true);
    const results = bySlug(run.results);
    expect(results['clinic-0']).toEqual({ slug: 'clinic-0', result: 'applied', applied: ['0900-test-visits'] });
    expect(results['clinic-2']).toEqual({ slug: 'clinic-2', result: 'applied', applied: ['0900-test-visits'] });
    expect(results['clinic-1']).toMatchObject({ slug: 'clinic-1', result: 'failed', applied: [] });
    expect(results['clinic-1']!.error).toContain('0900-test-visits');
    expect(results['clinic-1']!.error).not.toContain(t.dir);
    expect(schemaSnapshot(victim.dbPath)).toEqual(before);
    for (const ok of [clinics[0]!, clinics[2]!]) {
      expect(schemaSnapshot(ok.dbPath).master).toContainEqual(expect.objectContaining({ type: 'table', name: 'test_visits' }));
    }
  });

  test('migrations that committed before the failing one are reported as applied', async () => {
    const victim = clinics[0]!;
    const run = await migrateAllTenants(t.core, { company: victim.slug, migrations: [...tenantMigrations, addVisits(), addNotes([victim.slug])] });
    expect(run).toEqual({
      failed: true,
      results: [{ slug: victim.slug, result: 'failed', applied: ['0900-test-visits'], error: expect.stringContaining('0910-test-notes') }],
    });
    expect(peek(victim.dbPath, (db) => db.prepare('select name from medadmin_migrations order by name').pluck().all())).toEqual([
      ...tenantMigrations.map((m) => m.name),
      '0900-test-visits',
    ]);
  });

  test('a clinic from a newer version is reported failed with the reason, untouched, and the run goes on', async () => {
    const victim = clinics[0]!;
    addUnknownMigration(victim.dbPath);
    const before = digest(victim.dbPath);
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits()] });
    expect(run.failed).toBe(true);
    const failed = bySlug(run.results)[victim.slug]!;
    expect(failed).toMatchObject({ result: 'failed', applied: [] });
    expect(failed.error).toMatch(/written by a newer version/);
    expect(failed.error).toContain('9990-from-the-future');
    expect(digest(victim.dbPath)).toBe(before);
    expect(run.results.filter((r) => r.result === 'applied')).toHaveLength(2);
  });

  test('missing and swapped files are failures with a reason, never opened, and the others still migrate', async () => {
    rmSync(clinics[0]!.dbPath);
    copyFileSync(clinics[2]!.dbPath, clinics[1]!.dbPath);
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits()] });
    const results = bySlug(run.results);
    expect(results['clinic-0']).toEqual({ slug: 'clinic-0', result: 'failed', applied: [], error: 'The clinic database file is missing.' });
    expect(results['clinic-1']).toEqual({ slug: 'clinic-1', result: 'failed', applied: [], error: 'The clinic file belongs to a different clinic.' });
    expect(results['clinic-2']).toMatchObject({ result: 'applied' });
    expect(existsSync(clinics[0]!.dbPath)).toBe(false);
  });

  test('--company migrates one clinic; an unknown one is NOT_FOUND', async () => {
    const run = await migrateAllTenants(t.core, { company: 'clinic-2', migrations: [...tenantMigrations, addVisits()] });
    expect(run.results).toEqual([{ slug: 'clinic-2', result: 'applied', applied: ['0900-test-visits'] }]);
    await expect(migrateAllTenants(t.core, { company: 'no-such-clinic' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(migrateAllTenants(t.core, { company: '../clinic-2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('archived clinics and clinics still being registered are left alone', async () => {
    await t.core.master.updateTable('clinics').set({ status: 'archived' }).where('slug', '=', 'clinic-0').execute();
    await t.core.master.updateTable('clinics').set({ provisioning_state: 'provisioning' }).where('slug', '=', 'clinic-1').execute();
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits()] });
    expect(run.results.map((r) => r.slug)).toEqual(['clinic-2']);
    await expect(migrateAllTenants(t.core, { company: 'clinic-0' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(migrateAllTenants(t.core, { company: 'clinic-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('closes every file it opened, and migrates an open clinic through its handle without closing it', async () => {
    const open = clinics[1]!;
    await t.core.tenants.use(open, () => undefined);
    expect(t.core.tenants.size).toBe(1);
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits()] });
    expect(run.results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
    expect(t.core.tenants.size).toBe(1);
    expect(t.core.tenants.isOpen(open.id)).toBe(true);
    expect(await t.core.tenants.use(open, (h) => h.sqlite.prepare('select count(*) as n from test_visits').get())).toEqual({ n: 0 });
    // SQLite removes a WAL file when the last connection to its database closes
    for (const c of [clinics[0]!, clinics[2]!]) {
      expect(existsSync(`${c.dbPath}-wal`)).toBe(false);
      expect(existsSync(`${c.dbPath}-shm`)).toBe(false);
    }
    expect(existsSync(`${open.dbPath}-wal`)).toBe(true);
  });
});
