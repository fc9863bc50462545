import { lstatSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { tenantMigrations } from '../../../migrations/tenant';
import type { TenantDB } from '../clinic/schema';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, NewerSchemaError, type Migration } from '../db/migrator';
import { openSqlite, refuseAttach, type SqliteDb } from '../db/sqlite';
import { checkIdentity, type ClinicRef } from './identity';
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

function checkFile(file: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    throw new TenantUnavailableError('missing-file', 'The clinic database file is missing.');
  }
  if (stat.isSymbolicLink()) throw new TenantUnavailableError('symlink', 'The clinic database file is a link, not a file.');
  if (!stat.isFile()) throw new TenantUnavailableError('not-a-file', 'The clinic database path is not a file.');
}

function openChecked(file: string, clinic: ClinicRef): SqliteDb {
  let sqlite: SqliteDb;
  try {
    sqlite = openSqlite(file);
  } catch (cause) {
    throw new TenantUnavailableError('not-a-database', 'The clinic file is not a readable database.', { cause });
  }
  try {
    refuseAttach(sqlite);
    checkIdentity(sqlite, clinic);
    return sqlite;
  } catch (err) {
    sqlite.close();
    if (err instanceof TenantUnavailableError) throw err;
    throw new TenantUnavailableError('not-a-database', 'The clinic file is not a readable database.', { cause: err });
  }
}

/**
 * Opens one clinic's database: the path derived from its slug, a real file (no links), its
 * identity stamp matching the clinic, its schema not newer than this build, and migrated
 * first when it is older.
 */
export async function openTenant(
  tenantsDir: string,
  clinic: ClinicRef,
  migrations: readonly Migration[] = tenantMigrations,
): Promise<TenantHandle> {
  const file = tenantDbPath(tenantsDir, clinic.slug);
  checkFile(file);
  const sqlite = openChecked(file, clinic);
  const db = kyselyOver<TenantDB>(sqlite);
  try {
    const migrated = await migrate(db, migrations);
    return { clinicId: clinic.id, slug: clinic.slug, path: file, sqlite, db, migrated };
  } catch (err) {
    await db.destroy();
    if (err instanceof NewerSchemaError) {
      throw new TenantUnavailableError('newer-schema', 'The clinic database was written by a newer version of MedAdmin.', { cause: err });
    }
    throw new TenantUnavailableError('migration-failed', 'The clinic database could not be brought up to date.', { cause: err });
  }
}
