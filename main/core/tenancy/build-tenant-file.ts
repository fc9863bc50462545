import { existsSync, renameSync } from 'node:fs';
import { tenantMigrations } from '../../../migrations/tenant';
import type { TenantDB } from '../clinic/schema';
import { AppError } from '../errors';
import { fsyncDirectory } from '../fs-sync';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, type Migration } from '../db/migrator';
import { openSqlite } from '../db/sqlite';
import { writeIdentity, type ClinicRef } from './identity';
import { provisioningPath, removeDatabaseFile } from './provisioning-files';

export type BuildStep = 'file-created' | 'migrated' | 'stamped' | 'renamed';

export interface BuildOptions {
  migrations?: readonly Migration[];
  /** Called after each step; tests throw from it to prove that a failure leaves nothing behind. */
  afterStep?: (step: BuildStep) => void | Promise<void>;
  now?: Date;
}

/**
 * Builds a clinic's database beside its final name (migrated and stamped) and renames it into
 * place, so the final name only ever holds a whole database. On failure nothing is left.
 * Never overwrites an existing file.
 */
export async function buildTenantFile(finalPath: string, clinic: ClinicRef, options: BuildOptions = {}): Promise<void> {
  if (existsSync(finalPath)) throw new AppError('CONFLICT', 'A database file for this clinic already exists.');
  const temp = provisioningPath(finalPath, clinic.id);
  removeDatabaseFile(temp);
  let renamed = false;
  const sqlite = openSqlite(temp, { create: true });
  const db = kyselyOver<TenantDB>(sqlite);
  let open = true;
  try {
    await options.afterStep?.('file-created');
    await migrate(db, options.migrations ?? tenantMigrations);
    await options.afterStep?.('migrated');
    writeIdentity(sqlite, clinic, options.now);
    await options.afterStep?.('stamped');
    await db.destroy();
    open = false;
    if (existsSync(finalPath)) throw new AppError('CONFLICT', 'A database file for this clinic already exists.');
    renameSync(temp, finalPath);
    renamed = true;
    fsyncDirectory(finalPath);
    await options.afterStep?.('renamed');
  } catch (err) {
    if (open) await db.destroy().catch(() => undefined);
    removeDatabaseFile(temp);
    if (renamed) removeDatabaseFile(finalPath);
    throw err;
  }
}
