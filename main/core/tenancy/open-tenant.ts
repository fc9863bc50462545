import { lstatSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { tenantMigrations } from '../../../migrations/tenant';
import type { TenantDB } from '../clinic/schema';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, NewerSchemaError, type Migration } from '../db/migrator';
import { openSqlite, refuseAttach, type SqliteDb } from '../db/sqlite';
import { APPLICATION_ID, checkIdentity, headerApplicationId, type ClinicRef } from './identity';
import { tenantDbPath } from './slug';
import { TenantUnavailableError } from './tenant-errors';

export interface TenantHandle {
  clinicId: string;
  slug: string;
  path: string;
  sqlite: SqliteDb;
  db: Kysely<TenantDB>;
  /** Names of migrations applied while opening (a file from an older version). */
  migrated: string[];
}

/** A clinic's file opened and proven to be that clinic's, not yet migrated. */
type VerifiedTenant = Omit<TenantHandle, 'migrated'>;

/**
 * Refuses, before SQLite touches it, anything but a regular MedAdmin database: switching a
 * foreign database to WAL would rewrite its header, and the file must be left as it was found.
 */
export function checkClinicFile(file: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    throw new TenantUnavailableError('missing-file', 'The clinic database file is missing.');
  }
  if (stat.isSymbolicLink()) throw new TenantUnavailableError('symlink', 'The clinic database file is a link, not a file.');
  if (!stat.isFile()) throw new TenantUnavailableError('not-a-file', 'The clinic database path is not a file.');
  const applicationId = headerApplicationId(file);
  if (applicationId === null) throw new TenantUnavailableError('not-a-database', 'The clinic file is not a readable database.');
  if (applicationId !== APPLICATION_ID) throw new TenantUnavailableError('foreign', 'The clinic file is not a MedAdmin clinic database.');
}

/** Opens a file that passed checkClinicFile and proves, by its stamp, that it is this clinic's. */
export function openStampedFile(file: string, clinic: ClinicRef, options: { readonly?: boolean } = {}): SqliteDb {
  try {
    // the stamp is checked before WAL mode is set, so another clinic's file is left untouched
    return refuseAttach(openSqlite(file, { ...options, verify: (db) => checkIdentity(db, clinic) }));
  } catch (err) {
    if (err instanceof TenantUnavailableError) throw err;
    throw new TenantUnavailableError('not-a-database', 'The clinic file is not a readable database.', { cause: err });
  }
}

/**
 * Opens one clinic's database without migrating it: the path derived from its slug, a real
 * file (no links), its identity stamp matching the clinic.
 */
export function openVerifiedTenant(tenantsDir: string, clinic: ClinicRef): VerifiedTenant {
  const file = tenantDbPath(tenantsDir, clinic.slug);
  checkClinicFile(file);
  const sqlite = openStampedFile(file, clinic);
  return { clinicId: clinic.id, slug: clinic.slug, path: file, sqlite, db: kyselyOver<TenantDB>(sqlite) };
}

/** Why a clinic database could not be migrated, as the refusal every caller reports. */
export function migrationRefusal(err: unknown): TenantUnavailableError {
  if (err instanceof TenantUnavailableError) return err;
  if (err instanceof NewerSchemaError) {
    return new TenantUnavailableError('newer-schema', 'The clinic database was written by a newer version of MedAdmin.', { cause: err });
  }
  return new TenantUnavailableError('migration-failed', 'The clinic database could not be brought up to date.', { cause: err });
}

/**
 * Opens one clinic's database as openVerifiedTenant does, refuses a schema newer than this
 * build and migrates it first when it is older.
 */
export async function openTenant(
  tenantsDir: string,
  clinic: ClinicRef,
  migrations: readonly Migration[] = tenantMigrations,
): Promise<TenantHandle> {
  const verified = openVerifiedTenant(tenantsDir, clinic);
  try {
    const migrated = await migrate(verified.db, migrations);
    return { ...verified, migrated };
  } catch (err) {
    await verified.db.destroy();
    throw migrationRefusal(err);
  }
}
