import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tenantMigrations } from '../../../migrations/tenant';
import type { Kysely } from 'kysely';
import type { TenantDB } from '../clinic/schema';
import { AppError } from '../errors';
import { fsyncDirectory, fsyncFile } from '../fs-sync';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, type Migration } from '../db/migrator';
import { openSqlite } from '../db/sqlite';
import { writeIdentity, type ClinicRef } from './identity';
import { provisioningPath, removeDatabaseFile } from './provisioning-files';
import { migratedImage } from './tenant-template';

export type BuildStep = 'file-created' | 'migrated' | 'stamped' | 'renamed';

export interface BuildOptions {
  migrations?: readonly Migration[];
  /** Called after each step; tests throw from it to prove that a failure leaves nothing behind. */
  afterStep?: (step: BuildStep) => void | Promise<void>;
  now?: Date;
}

/**
 * Builds a clinic's database beside its final name (migrated and stamped) and renames it into
 * place, so the final name only ever holds a whole database. The file starts as a copy of the
 * migrated template (tenant-template.ts), so building one costs a file write and two syncs
 * (the file, then its folder) however many migrations there are; its migration records are
 * dated to its creation. On failure nothing is left. Never overwrites an existing file.
 */
export async function buildTenantFile(finalPath: string, clinic: ClinicRef, options: BuildOptions = {}): Promise<void> {
  if (existsSync(finalPath)) throw new AppError('CONFLICT', 'A database file for this clinic already exists.');
  const migrations = options.migrations ?? tenantMigrations;
  const image = await migratedImage(migrations);
  const now = options.now ?? new Date();
  const temp = provisioningPath(finalPath, clinic.id);
  removeDatabaseFile(temp);
  let renamed = false;
  let db: Kysely<TenantDB> | undefined;
  try {
    writeFileSync(temp, image, { flag: 'wx', mode: 0o600 });
    const sqlite = openSqlite(temp);
    // the file is not the clinic's until the rename: it is synced once, just before it
    sqlite.pragma('synchronous = OFF');
    db = kyselyOver<TenantDB>(sqlite);
    await options.afterStep?.('file-created');
    // nothing is pending in a copy of the template; this is the check every clinic file gets
    await migrate(db, migrations);
    await options.afterStep?.('migrated');
    sqlite.transaction(() => {
      writeIdentity(sqlite, clinic, now);
      sqlite.prepare('update medadmin_migrations set applied_at = ?').run(now.toISOString());
    })();
    await options.afterStep?.('stamped');
    await db.destroy();
    db = undefined;
    await fsyncFile(temp);
    if (existsSync(finalPath)) throw new AppError('CONFLICT', 'A database file for this clinic already exists.');
    renameSync(temp, finalPath);
    renamed = true;
    fsyncDirectory(finalPath);
    await options.afterStep?.('renamed');
  } catch (err) {
    await db?.destroy().catch(() => undefined);
    removeDatabaseFile(temp);
    if (renamed) removeDatabaseFile(finalPath);
    throw err;
  }
}
