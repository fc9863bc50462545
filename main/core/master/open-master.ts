import type { Kysely } from 'kysely';
import { masterMigrations } from '../../../migrations/master';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate } from '../db/migrator';
import { openSqlite } from '../db/sqlite';
import type { DataLayout } from '../config/data-dir';
import type { MasterDB } from './schema';

/** Opens (creating on first run) and migrates the master database. */
export async function openMaster(layout: DataLayout): Promise<Kysely<MasterDB>> {
  const db = kyselyOver<MasterDB>(openSqlite(layout.masterPath, { create: true }));
  try {
    await migrate(db, masterMigrations);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
