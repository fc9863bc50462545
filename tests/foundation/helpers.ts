import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Core } from '../../main/core/core';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput } from '../helpers/temp-core';

/** The file's bytes, to prove that something was left untouched. */
export const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Opens a file the way an outsider would (plain better-sqlite3, read-only) and runs `fn`. */
export function peek<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Everything that defines a database's schema: its sqlite_master and its applied migrations. */
export function schemaSnapshot(file: string): { master: unknown[]; migrations: unknown[] } {
  return peek(file, (db) => ({
    master: db.prepare('select type, name, tbl_name, sql from sqlite_master order by type, name').all(),
    migrations: db.prepare('select name from medadmin_migrations order by name').all(),
  }));
}

export const mode = (file: string): number => statSync(file).mode & 0o777;

export const listDir = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

export async function masterCounts(core: Core): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['clinics', 'users', 'memberships', 'subscriptions'] as const) {
    const row = await core.master.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/**
 * Registers `count` clinics owned by one user: only the first pays for a password hash, so
 * hundreds of clinics are quick to set up.
 */
export async function registerMany(core: Core, count: number, prefix = 'clinic'): Promise<RegisteredClinic[]> {
  const first = await registerClinic(core, clinicInput(`${prefix} 0`));
  const clinics = [first];
  for (let i = 1; i < count; i++) {
    clinics.push(await registerClinic(core, clinicInput(`${prefix} ${i}`, { owner: { userId: first.ownerId } })));
  }
  return clinics;
}
