import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export type SqliteDb = Database.Database;

export interface OpenOptions {
  /** Create the file (owner-only) when it is missing; otherwise a missing file is an error. */
  create?: boolean;
  readonly?: boolean;
  busyTimeoutMs?: number;
}

const ATTACH_WORD = /\battach\b/i;

/** SQLite sidecar files that belong to a database in WAL mode. */
export const sidecarPaths = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * Opens a database the one way the product allows: WAL, foreign keys, a busy timeout and
 * synchronous FULL (an acknowledged write survives a power cut). The file must already exist
 * unless `create` is asked for, so a mistyped name never yields an empty database.
 */
export function openSqlite(file: string, options: OpenOptions = {}): SqliteDb {
  if (options.create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  if (!options.readonly) restrictToOwner(file);
  return db;
}

/** Database files hold medical records: readable by the owner only. */
export function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, ...sidecarPaths(file)]) {
    try {
      chmodSync(f, 0o600);
    } catch {
      // a sidecar that does not exist yet is created later with the same umask-limited mode
    }
  }
}

/**
 * Clinic connections must never reach another file. better-sqlite3 has no authorizer hook, so
 * every statement text is screened before SQLite compiles it; values are bound separately and
 * never part of the text, so user data cannot trip or evade the check.
 */
export function refuseAttach(db: SqliteDb): SqliteDb {
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  const guard = (source: string): void => {
    if (ATTACH_WORD.test(source)) throw new AttachRefusedError();
  };
  Object.defineProperty(db, 'prepare', {
    value: (source: string) => {
      guard(source);
      return prepare(source);
    },
  });
  Object.defineProperty(db, 'exec', {
    value: (source: string) => {
      guard(source);
      return exec(source);
    },
  });
  return db;
}

export class AttachRefusedError extends Error {
  constructor() {
    super('ATTACH is not allowed on clinic databases');
    this.name = 'AttachRefusedError';
  }
}

/** Folds the WAL into the main file and closes; used on eviction and shutdown. */
export function checkpointAndClose(db: SqliteDb): void {
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
