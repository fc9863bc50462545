import Database from 'better-sqlite3';

/**
 * A connection with the product's settings (WAL, synchronous FULL, foreign keys, busy
 * timeout) made straight through better-sqlite3: what the raw baselines run on, so that they
 * differ from the product only by the layers above SQLite.
 */
export function rawOpen(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** What opening a clinic checks, raw: application id, identity row, applied migrations. */
export function rawChecks(db: Database.Database): { clinicId: string; migrations: number } {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const identity = db.prepare('select clinic_id from clinic_identity where singleton = 1').get() as { clinic_id: string } | undefined;
  const names = db.prepare('select name from medadmin_migrations order by name').pluck().all();
  if (!appId || !identity) throw new Error('not a clinic database');
  return { clinicId: identity.clinic_id, migrations: names.length };
}
