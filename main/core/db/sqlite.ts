import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, lstatSync, openSync } from 'node:fs';
import { fsyncFile } from '../fs-sync';

export type SqliteDb = Database.Database;

export interface OpenOptions {
  /** Create the file (owner-only) when it is missing; otherwise a missing file is an error. */
  create?: boolean;
  readonly?: boolean;
  busyTimeoutMs?: number;
  /**
   * Runs before anything is written to the file (WAL mode rewrites its header): a file that
   * fails this check is closed and left exactly as it was found.
   */
  verify?: (db: SqliteDb) => void;
}

// ATTACH opens another file; VACUUM INTO writes a copy of this one anywhere. A statement whose
// text holds these words is refused even inside a literal: ours never do.
const FILE_ESCAPE = /\battach\b|\bvacuum\b[\s\S]*\binto\b/i;

let nativeBinding: string | undefined;

/**
 * The Electron app loads a copy of the SQLite addon built for Electron's ABI, kept apart from
 * node_modules so that tests and the CLI keep loading the Node build. Set once at start-up.
 */
export function useSqliteNativeBinding(file: string): void {
  nativeBinding = file;
}

/** The addon set above, for worker threads that open their own connections. */
export const sqliteNativeBinding = (): string | undefined => nativeBinding;

/** SQLite sidecar files that belong to a database in WAL mode. */
export const sidecarPaths = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * Opens a database the one way the product allows: WAL, foreign keys, a busy timeout and
 * synchronous FULL (an acknowledged write survives a power cut). The file must already exist
 * unless `create` is asked for, so a mistyped name never yields an empty database.
 */
export function openSqlite(file: string, options: OpenOptions = {}): SqliteDb {
  if (options.create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    options.verify?.(db);
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

/**
 * A private in-memory database with the product's connection rules, for building a schema
 * once and copying it (see tenancy/tenant-template.ts).
 */
export function openMemory(): SqliteDb {
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Database files hold medical records: readable by the owner only. Only a file with another
 * mode is changed: a chmod moves the file's ctime even when the mode stays, and the ctime tells
 * the admin commands whether a clinic file changed since they last checked it (verified-files.ts).
 * A sidecar that does not exist yet is created by SQLite with the database file's mode.
 */
export function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, ...sidecarPaths(file)]) {
    const stat = lstatSync(f, { throwIfNoEntry: false });
    if (stat?.isFile() && (stat.mode & 0o777) !== 0o600) chmodSync(f, 0o600);
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
    if (FILE_ESCAPE.test(source)) throw new AttachRefusedError();
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
    super('ATTACH and VACUUM INTO are not allowed on clinic databases');
    this.name = 'AttachRefusedError';
  }
}

/**
 * A TRUNCATE checkpoint that never waits: with another process reading the file it is simply
 * partial, and waiting would freeze every window of the app for the busy timeout. True when
 * the whole WAL reached the main file, both synced, and the WAL was emptied.
 */
function checkpointWithoutWaiting(db: SqliteDb): boolean {
  db.pragma('busy_timeout = 0');
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return row?.busy === 0;
}

/** Folds the WAL into the main file and closes; used on eviction and shutdown. */
export function checkpointAndClose(db: SqliteDb): void {
  if (!db.open) return;
  try {
    if (!db.readonly) checkpointWithoutWaiting(db);
  } finally {
    db.close();
  }
}

/**
 * Closes a connection whose commits may not have been synced yet (synchronous = NORMAL) only
 * once they are durable: the checkpoint syncs the WAL before copying it into the main file and
 * syncs the main file after. When another connection keeps the checkpoint from finishing, the
 * WAL itself is synced instead, which is what a commit at synchronous = FULL does.
 */
export async function closeDurably(db: SqliteDb): Promise<'checkpointed' | 'wal-synced'> {
  try {
    if (checkpointWithoutWaiting(db)) return 'checkpointed';
    // still open here: the WAL cannot be removed under us while this connection holds it
    await fsyncFile(`${db.name}-wal`);
    return 'wal-synced';
  } finally {
    db.close();
  }
}
