import { masterMigrations } from '../../../migrations/master';
import { tenantMigrations } from '../../../migrations/tenant';
import { isSqliteError } from '../admin/sqlite-error';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrationState, type Migration } from '../db/migrator';
import { openSqlite, type SqliteDb } from '../db/sqlite';
import { APPLICATION_ID, readIdentity, type ClinicRef } from '../tenancy/identity';
import { FileRefusedError } from './refusal';
import { checkSqliteHeader } from './sqlite-header';

export interface ClinicProfile {
  name: string;
  contactEmail: string;
  timezone: string;
  currency: string;
}

/** What a checked database file holds, as a manifest records it. */
export interface FileFacts {
  /** The clinic the file is stamped for; null for master. */
  clinic: ClinicRef | null;
  /** Applied migration names: the file's schema version. */
  schema: string[];
  rowCounts: Record<string, number>;
  /** Master's description of the clinic when the copy was made, if the file carries one. */
  profile: ClinicProfile | null;
}

export type Expectation = { kind: 'master' } | { kind: 'clinic'; clinic?: ClinicRef };

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function userTables(db: SqliteDb): string[] {
  const rows = db.prepare(`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name`).all() as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * SQLite's integrity check, one table (with its indexes) at a time with a turn of the event
 * loop between, so checking a large file does not hold the main process for its whole length.
 */
async function checkIntegrity(db: SqliteDb, tables: string[]): Promise<void> {
  for (const table of ['sqlite_schema', ...tables]) {
    const rows = db.pragma(`integrity_check(${quoted(table)})`) as { integrity_check: string }[];
    if (rows.some((r) => r.integrity_check !== 'ok')) throw new FileRefusedError('corrupt');
    await nextTurn();
  }
}

async function countRows(db: SqliteDb, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (db.prepare(`select count(*) as n from ${quoted(table)}`).get() as { n: number }).n;
    await nextTurn();
  }
  return counts;
}

function readProfile(db: SqliteDb, tables: string[]): ClinicProfile | null {
  if (!tables.includes('clinic_profile')) return null;
  const row = db.prepare('select name, contact_email, timezone, currency from clinic_profile where singleton = 1').get() as
    | { name: string; contact_email: string; timezone: string; currency: string }
    | undefined;
  return row ? { name: row.name, contactEmail: row.contact_email, timezone: row.timezone, currency: row.currency } : null;
}

function checkClinicIdentity(db: SqliteDb, expected: ClinicRef | undefined): ClinicRef {
  const stored = readIdentity(db);
  if (stored.applicationId !== APPLICATION_ID || !stored.clinicId || !stored.slug) throw new FileRefusedError('foreign');
  if (expected && (stored.clinicId !== expected.id || stored.slug !== expected.slug)) throw new FileRefusedError('other-clinic');
  return { id: stored.clinicId, slug: stored.slug };
}

async function schemaOf(db: SqliteDb, migrations: readonly Migration[]): Promise<string[]> {
  const state = await migrationState(kyselyOver(db), migrations);
  if (state.unknown.length) throw new FileRefusedError('newer-schema');
  return state.applied;
}

async function examine(db: SqliteDb, expect: Expectation): Promise<FileFacts> {
  const tables = userTables(db);
  await checkIntegrity(db, tables);
  const clinic = expect.kind === 'clinic' ? checkClinicIdentity(db, expect.clinic) : null;
  const schema = await schemaOf(db, expect.kind === 'clinic' ? tenantMigrations : masterMigrations);
  return { clinic, schema, rowCounts: await countRows(db, tables), profile: clinic ? readProfile(db, tables) : null };
}

/**
 * Every check a backup, restore or import makes of a database file, in order: a SQLite file
 * of its full length, intact pages, the identity stamp (of the expected clinic, if one is
 * named) and a schema this build knows. Opens the file read-only and changes nothing.
 */
export async function inspectDatabaseFile(file: string, expect: Expectation): Promise<FileFacts> {
  checkSqliteHeader(file);
  let db: SqliteDb;
  try {
    db = openSqlite(file, { readonly: true });
  } catch (cause) {
    throw new FileRefusedError(isSqliteError(cause) ? 'corrupt' : 'not-sqlite', { cause });
  }
  try {
    return await examine(db, expect);
  } catch (err) {
    if (err instanceof FileRefusedError) throw err;
    if (isSqliteError(err)) throw new FileRefusedError('corrupt', { cause: err });
    throw err;
  } finally {
    db.close();
  }
}
