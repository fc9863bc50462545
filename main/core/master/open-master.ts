import type { Kysely } from 'kysely';
import { masterMigrations } from '../../../migrations/master';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate, migrationState, NewerSchemaError } from '../db/migrator';
import { openSqlite } from '../db/sqlite';
import type { DataLayout } from '../config/data-dir';
import type { MasterDB } from './schema';

/**
 * Opens the master database. To serve, it is created on first run and migrated; to inspect (the
 * CLI's read-only reports) it must exist and is neither migrated nor written.
 */
export async function openMaster(layout: DataLayout, mode: 'serve' | 'inspect' = 'serve'): Promise<Kysely<MasterDB>> {
  const db = kyselyOver<MasterDB>(openSqlite(layout.masterPath, mode === 'serve' ? { create: true } : { readonly: true }));
  try {
    if (mode === 'inspect') {
      // reports may read a master that is behind, never one written by a newer version
      const state = await migrationState(db, masterMigrations);
      if (state.unknown.length) throw new NewerSchemaError(state.unknown);
      return db;
    }
    await migrate(db, masterMigrations);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
