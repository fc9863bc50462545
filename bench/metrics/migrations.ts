import { constants, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { tenantMigrations } from '../../migrations/tenant';
import type { Core } from '../../main/core/core';
import type { Migration } from '../../main/core/db/migrator';
import { fsyncFile } from '../../main/core/fs-sync';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import { migrateAllTenants } from '../../main/core/tenancy/migrate-all';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { VERIFIED_FILES_NAME } from '../../main/core/tenancy/verified-files';
import { rawChecks, rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { median, since, timeEach } from '../stats';

/**
 * migrate_check_10k_ms: migrate-all when every clinic is up to date, the first run without the
 * record of verified files (it opens every file); raw opens each file and reads its stamp and
 * applied list, every run.
 */
export async function measureMigrateCheck(ctx: RunContext, core: Core, clinics: readonly ClinicRef[]): Promise<void> {
  const runs = Array.from({ length: ctx.sizes.migrateCheckRuns });
  await core.tenants.closeAll();
  rmSync(path.join(core.layout.root, VERIFIED_FILES_NAME), { force: true });
  const product = await timeEach(runs, async () => {
    const { failed, results } = await migrateAllTenants(core);
    if (failed || results.some((r) => r.result !== 'up-to-date')) throw new Error('migrate-all found work or failures in an up-to-date chain');
  });
  const raw = await timeEach(runs, () => {
    for (const clinic of clinics) {
      const db = rawOpen(tenantDbPath(core.layout.tenantsDir, clinic.slug));
      rawChecks(db);
      db.close();
    }
  });
  ctx.record('migrate_check_10k_ms', median(product), { raw: median(raw) });
  ctx.note(`migrate_check_10k_ms: ${clinics.length} clinics; runs ${product.map((ms) => ms.toFixed(0)).join(', ')} ms — the first opens every file, the others only those changed since.`);
}

/** The kind of change a release makes: a column and an index on a table with data in it. */
const BENCH_MIGRATION: Migration = {
  name: '9000-bench-patient-flag',
  async up(db: Kysely<unknown>) {
    await sql`alter table patients add column bench_flag integer`.execute(db);
    await sql`create index patients_bench_flag on patients (bench_flag, name_rank)`.execute(db);
  },
};

/** Copies of the clinics' files for the raw run, made before the product migrates the originals. */
export function copyForRaw(ctx: RunContext, core: Core, clinics: readonly ClinicRef[]): string[] {
  const dir = path.join(ctx.dir, 'raw-apply');
  mkdirSync(dir, { recursive: true });
  return clinics.map((c, i) => {
    const copy = path.join(dir, `${i}.sqlite3`);
    copyFileSync(tenantDbPath(core.layout.tenantsDir, c.slug), copy, constants.COPYFILE_EXCL);
    return copy;
  });
}

const FLUSH_BATCH = 32;

/** Set-up writes made durable before a timing starts, so that no timed fsync also pays for them. */
async function flushSetUp(files: readonly string[]): Promise<void> {
  for (let i = 0; i < files.length; i += FLUSH_BATCH) await Promise.all(files.slice(i, i + FLUSH_BATCH).map(fsyncFile));
}

/**
 * migrate_apply_1k_ms: one new migration through migrate-all (each clinic opened with every
 * check, migrated in its own transaction, checkpointed durably, closed); raw runs the same
 * statements on copies with the same durability: commits at synchronous = NORMAL and the
 * checkpoint SQLite makes, syncing WAL and file, when the last connection closes.
 */
export async function measureMigrateApply(ctx: RunContext, core: Core, clinics: readonly ClinicRef[], rawCopies: readonly string[]): Promise<void> {
  await core.tenants.closeAll();
  // the clinics were just built and copied: left dirty (2.8 GB at full size), the kernel wrote them back during the timed runs
  await flushSetUp([...clinics.map((c) => tenantDbPath(core.layout.tenantsDir, c.slug)), ...rawCopies]);
  const start = performance.now();
  const { failed, results } = await migrateAllTenants(core, { migrations: [...tenantMigrations, BENCH_MIGRATION] });
  const ms = since(start);
  if (failed || results.length !== clinics.length || results.some((r) => r.result !== 'applied')) throw new Error('the bench migration did not apply to every clinic');

  const rawStart = performance.now();
  for (const file of rawCopies) {
    const db = rawOpen(file);
    db.pragma('synchronous = NORMAL');
    db.transaction(() => {
      db.exec('alter table patients add column bench_flag integer');
      db.exec('create index patients_bench_flag on patients (bench_flag, name_rank)');
      db.prepare('insert into medadmin_migrations (name, applied_at) values (?, ?)').run(BENCH_MIGRATION.name, new Date().toISOString());
    }).immediate();
    db.close();
  }
  ctx.record('migrate_apply_1k_ms', ms, { raw: since(rawStart) });
  ctx.note(`migrate_apply_1k_ms: ${clinics.length} clinics of ${ctx.sizes.applyRows} patients each, ${(ms / clinics.length).toFixed(2)} ms per clinic.`);
}
