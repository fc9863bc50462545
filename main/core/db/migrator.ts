import { sql, type Kysely } from 'kysely';
import { Umzug, type UmzugStorage } from 'umzug';

/** A schema step. Migrations are code listed in order, never files found at run time. */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  /** Applied here but unknown to this build: the database was written by a newer version. */
  unknown: string[];
}

export class NewerSchemaError extends Error {
  readonly unknown: string[];
  constructor(unknown: string[]) {
    super(`database has migrations this version does not know: ${unknown.join(', ')}`);
    this.name = 'NewerSchemaError';
    this.unknown = unknown;
  }
}

const TABLE = 'medadmin_migrations';

/** Migrations see the schema as it was when they were written, not as the app's types describe it now. */
const untyped = <DB>(db: Kysely<DB>): Kysely<unknown> => db as unknown as Kysely<unknown>;
const NAME = /^(\d{4})-[a-z0-9-]+$/;

/** Names are `NNNN-words`, unique and strictly increasing; checked once per list at start-up. */
export function checkMigrationList(list: readonly Migration[]): readonly Migration[] {
  let previous = -1;
  for (const m of list) {
    const match = NAME.exec(m.name);
    if (!match) throw new Error(`migration name ${m.name} is not NNNN-words`);
    const n = Number(match[1]);
    if (n <= previous) throw new Error(`migration ${m.name} is out of order`);
    previous = n;
  }
  return list;
}

async function appliedNames(db: Kysely<unknown>): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${TABLE}`.execute(db);
  if (!exists.rows[0]?.n) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(TABLE)} order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function migrationState<DB>(db: Kysely<DB>, list: readonly Migration[]): Promise<MigrationState> {
  return stateOf(await appliedNames(untyped(db)), list);
}

/** Where a database that has had `applied` stands against `list`. */
export function stateOf(applied: string[], list: readonly Migration[]): MigrationState {
  const known = new Set(list.map((m) => m.name));
  const done = new Set(applied);
  return {
    applied,
    pending: list.filter((m) => !done.has(m.name)).map((m) => m.name),
    unknown: applied.filter((name) => !known.has(name)),
  };
}

/**
 * Each migration and the record that it ran commit together, so a failing step leaves the
 * database exactly as the previous step left it. The record is written inside the migration's
 * own transaction rather than by umzug's storage hook, which would run after the commit.
 */
function inOwnTransaction(m: Migration) {
  return async ({ context }: { context: Kysely<unknown> }): Promise<void> => {
    await context.transaction().execute(async (trx) => {
      await sql`create table if not exists ${sql.table(TABLE)} (name text primary key, applied_at text not null)`.execute(trx);
      const again = await sql<{ n: number }>`select count(*) as n from ${sql.table(TABLE)} where name = ${m.name}`.execute(trx);
      if (again.rows[0]?.n) return; // another process applied it while we waited for the lock
      await m.up(trx);
      await sql`insert into ${sql.table(TABLE)} (name, applied_at) values (${m.name}, ${new Date().toISOString()})`.execute(trx);
    });
  };
}

/**
 * Umzug asks the storage what has run; the answer is the state just read, not a second read:
 * a migration another process applied meanwhile is skipped inside its own transaction.
 */
const storageKnowing = (applied: readonly string[]): UmzugStorage<Kysely<unknown>> => ({
  logMigration: async () => {},
  unlogMigration: async () => {
    throw new Error('migrations are not reversible');
  },
  executed: async () => [...applied],
});

/**
 * Brings a database up to this build's schema; refuses, untouched, one from a newer build.
 * `state` is what the caller has just read with migrationState, saving a read per file when
 * thousands of clinics are migrated.
 */
export async function migrate<DB>(db: Kysely<DB>, list: readonly Migration[], state?: MigrationState): Promise<string[]> {
  const known = state ?? (await migrationState(db, list));
  if (known.unknown.length) throw new NewerSchemaError(known.unknown);
  if (!known.pending.length) return [];
  const umzug = new Umzug<Kysely<unknown>>({
    migrations: list.map((m) => ({ name: m.name, up: inOwnTransaction(m) })),
    context: untyped(db),
    storage: storageKnowing(known.applied),
    logger: undefined,
  });
  const ran = await umzug.up();
  return ran.map((m) => m.name);
}
