import type { Kysely } from 'kysely';
import { MigrationError } from 'umzug';
import { tenantMigrations } from '../../../migrations/tenant';
import type { Core } from '../core';
import { AppError } from '../errors';
import { migrate, migrationState, NewerSchemaError, stateOf, type Migration } from '../db/migrator';
import { closeDurably } from '../db/sqlite';
import type { ClinicRef } from './identity';
import { clinicBySlug } from './clinic-by-slug';
import { migrationRefusal, openVerifiedTenant } from './open-tenant';
import { tenantDbPath } from './slug';
import { fingerprintBefore, VerifiedFiles } from './verified-files';

export interface TenantMigrationResult {
  slug: string;
  result: 'applied' | 'up-to-date' | 'failed';
  applied: string[];
  error?: string;
}

export interface MigrateAllOptions {
  company?: string;
  migrations?: readonly Migration[];
  onResult?: (r: TenantMigrationResult, index: number, total: number) => void;
}

interface Outcome {
  applied: string[];
  error?: unknown;
  /** The migrations the file had before; known when it was opened and read. */
  had?: string[];
}

async function clinicsToMigrate(core: Core, company: string | undefined): Promise<ClinicRef[]> {
  if (company !== undefined) {
    const clinic = await clinicBySlug(core, company);
    if (clinic.status === 'archived') throw new AppError('CONFLICT', 'That clinic is archived; its database is not migrated.');
    return [clinic];
  }
  return core.master
    .selectFrom('clinics')
    .select(['id', 'slug'])
    .where('provisioning_state', '=', 'ready')
    .where('status', '!=', 'archived')
    .orderBy('slug')
    .execute();
}

/** Migrations that committed before a failure stay committed; the report names them too. */
async function migrateDb<DB>(db: Kysely<DB>, migrations: readonly Migration[]): Promise<Outcome> {
  const state = await migrationState(db, migrations);
  try {
    return { applied: await migrate(db, migrations, state), had: state.applied };
  } catch (error) {
    const before = new Set(state.applied);
    const after = await migrationState(db, migrations).catch(() => undefined);
    return { applied: after ? after.applied.filter((name) => !before.has(name)) : [], error };
  }
}

/**
 * A clinic the app already holds open is migrated through that handle and stays open; any
 * other is opened with every check openTenant makes and closed again, so a run over thousands
 * of clinics never holds more than one extra file open. A file unchanged since it was proven
 * this clinic's with every migration of the list is not opened at all (verified-files.ts).
 */
async function migrateClinic(core: Core, clinic: ClinicRef, migrations: readonly Migration[], verified: VerifiedFiles): Promise<Outcome> {
  if (core.tenants.isOpen(clinic.id)) return core.tenants.use(clinic, (handle) => migrateDb(handle.db, migrations));
  const file = tenantDbPath(core.layout.tenantsDir, clinic.slug);
  const known = verified.applied(clinic, file);
  if (known) {
    const state = stateOf(known, migrations);
    if (!state.pending.length && !state.unknown.length) return { applied: [] };
  }
  const before = fingerprintBefore(file);
  const tenant = openVerifiedTenant(core.layout.tenantsDir, clinic);
  let outcome: Outcome;
  try {
    // Each migration commits in its own transaction; at FULL every commit would sync the WAL,
    // and the checkpoint at close syncs it again. At NORMAL a commit is just as atomic (WAL),
    // only not yet durable: closeDurably syncs before the clinic is reported, and a power cut
    // before that loses whole migrations together with their records, so they run again at the
    // next open or run. A clinic the app holds open (above) keeps FULL: it serves writes.
    tenant.sqlite.pragma('synchronous = NORMAL');
    outcome = await migrateDb(tenant.db, migrations);
  } finally {
    await closeDurably(tenant.sqlite);
  }
  if (outcome.had && !outcome.applied.length && outcome.error === undefined) verified.remember(clinic, file, outcome.had, before);
  return outcome;
}

/** Safe to print and to store: refusal reasons and migration names, never paths or SQL. */
function describeFailure(err: unknown): string {
  if (err instanceof NewerSchemaError) return `${migrationRefusal(err).message} Unknown migrations: ${err.unknown.join(', ')}.`;
  if (err instanceof MigrationError) {
    const original: unknown = err.cause;
    const code = typeof original === 'object' && original !== null && 'code' in original ? String(original.code) : '';
    const shown = /^SQLITE_[A-Z_]+$/.test(code) ? ` (${code})` : '';
    return `Migration ${err.migration.name} failed${shown}; the clinic database was left as it was before that migration.`;
  }
  if (err instanceof AppError) return err.message;
  return migrationRefusal(err).message;
}

// No worker threads: measured here, 200 clinics take 0.53 s on this thread and 0.37 s on two workers, too little to pay for migrations (code) that cannot be sent to a worker and for the Electron SQLite binding, which workers would not inherit.
/**
 * Brings every ready, non-archived clinic (or the one named) up to this build's schema, one
 * after the other, continuing past a clinic that fails.
 */
export async function migrateAllTenants(
  core: Core,
  options: MigrateAllOptions = {},
): Promise<{ results: TenantMigrationResult[]; failed: boolean }> {
  const migrations = options.migrations ?? tenantMigrations;
  const clinics = await clinicsToMigrate(core, options.company);
  const verified = VerifiedFiles.load(core.layout.root);
  const results: TenantMigrationResult[] = [];
  for (const [index, clinic] of clinics.entries()) {
    let outcome: Outcome;
    try {
      outcome = await migrateClinic(core, clinic, migrations, verified);
    } catch (error) {
      outcome = { applied: [], error };
    }
    const result: TenantMigrationResult =
      outcome.error === undefined
        ? { slug: clinic.slug, result: outcome.applied.length ? 'applied' : 'up-to-date', applied: outcome.applied }
        : { slug: clinic.slug, result: 'failed', applied: outcome.applied, error: describeFailure(outcome.error) };
    results.push(result);
    options.onResult?.(result, index, clinics.length);
  }
  verified.save();
  return { results, failed: results.some((r) => r.result === 'failed') };
}
