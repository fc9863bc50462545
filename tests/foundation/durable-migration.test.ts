import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate, migrationState, type Migration } from '../../main/core/db/migrator';
import { closeDurably, openSqlite } from '../../main/core/db/sqlite';
import { startCore, type Core } from '../../main/core/core';
import { migrateAllTenants } from '../../main/core/tenancy/migrate-all';
import type { RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { startTempCore, tempDir, TEST_SCRYPT, type TempCore } from '../helpers/temp-core';
import { peek, registerMany } from './helpers';

const CRASH_CHILD = path.join(import.meta.dirname, 'fixtures', 'crash-during-migrate-all.ts');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const addVisits: Migration = {
  name: '0900-test-visits',
  async up(db) {
    await sql`create table test_visits (id text primary key)`.execute(db);
  },
};
const addNotes: Migration = {
  name: '0910-test-notes',
  async up(db) {
    await sql`create table test_notes (id text primary key)`.execute(db);
  },
};

/** What a file shows on its own, without any WAL beside it: a copy of the main file, opened. */
function mainFileAlone(file: string, dir: string): { integrity: unknown; migrations: unknown[]; tables: unknown[] } {
  const copy = path.join(dir, `alone-${path.basename(file)}`);
  copyFileSync(file, copy);
  return peek(copy, (db) => ({
    integrity: db.pragma('integrity_check', { simple: true }),
    migrations: db.prepare('select name from medadmin_migrations order by name').pluck().all(),
    tables: db.prepare(`select name from sqlite_master where type = 'table' and name like 'test_%' order by name`).pluck().all(),
  }));
}

/** Another process's connection (the app serving the clinic), reading a snapshot from before the run. */
function readerHoldingSnapshot(file: string): Database.Database {
  const reader = new Database(file, { fileMustExist: true });
  reader.exec('begin');
  reader.prepare('select count(*) from sqlite_master').get();
  return reader;
}

describe('closeDurably', () => {
  let dir: { dir: string; cleanup: () => void };
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir.dir, 'db.sqlite3');
    const db = openSqlite(file, { create: true });
    db.exec('create table t (n integer)');
    db.close();
  });
  afterEach(() => dir.cleanup());

  test('alone on the file: the commits reach the main file through a checkpoint and no WAL is left', async () => {
    const db = openSqlite(file);
    db.pragma('synchronous = NORMAL');
    db.prepare('insert into t values (1)').run();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(await closeDurably(db)).toBe('checkpointed');
    expect(db.open).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = path.join(dir.dir, 'copy.sqlite3');
    copyFileSync(file, copy);
    expect(peek(copy, (d) => d.prepare('select n from t').pluck().all())).toEqual([1]);
  });

  test('with another connection keeping the checkpoint from finishing, the WAL is synced instead and nothing is lost', async () => {
    const reader = readerHoldingSnapshot(file);
    const db = openSqlite(file);
    db.pragma('synchronous = NORMAL');
    db.prepare('insert into t values (1)').run();
    expect(await closeDurably(db)).toBe('wal-synced');
    expect(db.open).toBe(false);
    expect(reader.prepare('select count(*) from t').pluck().get()).toBe(0);
    reader.exec('commit');
    expect(reader.prepare('select n from t').pluck().all()).toEqual([1]);
    reader.close();
    expect(peek(file, (d) => d.prepare('select n from t').pluck().all())).toEqual([1]);
  });
});

describe('migrate with the state its caller just read', () => {
  test('a migration another connection applied after the state was read is not run again', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'db.sqlite3');
    const db = kyselyOver(openSqlite(file, { create: true }));
    try {
      let runs = 0;
      const counted: Migration = {
        name: '0010-counted',
        async up(d) {
          runs++;
          await sql`create table test_counted (id integer)`.execute(d);
        },
      };
      const stale = await migrationState(db, [counted]);
      const other = kyselyOver(openSqlite(file));
      await migrate(other, [counted]);
      await other.destroy();
      expect(runs).toBe(1);
      await migrate(db, [counted], stale);
      expect(runs).toBe(1);
      expect((await migrationState(db, [counted])).applied).toEqual(['0010-counted']);
    } finally {
      await db.destroy();
      cleanup();
    }
  });
});

describe('migrateAllTenants writes durably', () => {
  let t: TempCore;
  let clinics: RegisteredClinic[];
  beforeEach(async () => {
    t = await startTempCore();
    clinics = await registerMany(t.core, 3);
  });
  afterEach(async () => t.dispose());

  test('every migrated file is whole and shows each migration in its main file alone, with no WAL left', async () => {
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits, addNotes] });
    expect(run.results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
    for (const c of clinics) {
      expect(existsSync(`${c.dbPath}-wal`)).toBe(false);
      expect(existsSync(`${c.dbPath}-shm`)).toBe(false);
      expect(mainFileAlone(c.dbPath, t.dir)).toEqual({
        integrity: 'ok',
        migrations: [...tenantMigrations.map((m) => m.name), '0900-test-visits', '0910-test-notes'].sort(),
        tables: ['test_notes', 'test_visits'],
      });
    }
  });

  test('a clinic another process is reading is still migrated, and its file shows the migration once that process lets go', async () => {
    const busy = clinics[1]!;
    const reader = readerHoldingSnapshot(busy.dbPath);
    try {
      const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits] });
      expect(run.results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
      expect(existsSync(`${busy.dbPath}-wal`)).toBe(true);
      reader.exec('commit');
    } finally {
      reader.close();
    }
    expect(existsSync(`${busy.dbPath}-wal`)).toBe(false);
    expect(mainFileAlone(busy.dbPath, t.dir).tables).toEqual(['test_visits']);
  });

  test('a clinic the app holds open is migrated through its handle, which keeps synchronous = FULL', async () => {
    const open = clinics[0]!;
    const FULL = 2;
    expect(await t.core.tenants.use(open, (h) => h.sqlite.pragma('synchronous', { simple: true }))).toBe(FULL);
    const run = await migrateAllTenants(t.core, { migrations: [...tenantMigrations, addVisits] });
    expect(run.results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
    expect(await t.core.tenants.use(open, (h) => h.sqlite.pragma('synchronous', { simple: true }))).toBe(FULL);
  });
});

describe('migrate-all killed inside a migration', () => {
  let dir: { dir: string; cleanup: () => void };
  let core: Core | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.cleanup();
  });

  const crashChild = (slug: string): Promise<string | undefined> =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CRASH_CHILD, dir.dir, slug], { cwd: ROOT }).then(
      () => undefined,
      (err: { signal?: string }) => err.signal,
    );
  const names = (file: string) => peek(file, (db) => db.prepare('select name from medadmin_migrations order by name').pluck().all());
  const testTables = (file: string) => peek(file, (db) => db.prepare(`select name from sqlite_master where name like 'test_%' order by name`).pluck().all());

  test('leaves the clinic whole with the migrations committed before it, and the next run finishes the work', async () => {
    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT });
    const [first, victim, last] = await registerMany(core, 3);
    await core.close();
    core = undefined;

    expect(await crashChild(victim!.slug)).toBe('SIGKILL');
    expect(existsSync(`${victim!.dbPath}-wal`)).toBe(true); // killed with the file open: what it committed is in the WAL
    const base = tenantMigrations.map((m) => m.name);
    expect(peek(victim!.dbPath, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(names(victim!.dbPath)).toEqual([...base, '0900-test-visits'].sort());
    expect(testTables(victim!.dbPath)).toEqual(['test_visits']);
    expect(testTables(first!.dbPath)).toEqual(['test_notes', 'test_visits']);
    expect(testTables(last!.dbPath)).toEqual([]);

    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT });
    const run = await migrateAllTenants(core, { migrations: [...tenantMigrations, addVisits, addNotes] });
    expect(run.results.map((r) => [r.slug, r.result, r.applied])).toEqual([
      [first!.slug, 'up-to-date', []],
      [victim!.slug, 'applied', ['0910-test-notes']],
      [last!.slug, 'applied', ['0900-test-visits', '0910-test-notes']],
    ]);
    expect(testTables(victim!.dbPath)).toEqual(['test_notes', 'test_visits']);
  });
});
