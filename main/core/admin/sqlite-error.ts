import Database from 'better-sqlite3';

/** SQLite's own complaint (a damaged or foreign file), as opposed to a bug in our code. */
export const isSqliteError = (err: unknown): boolean => err instanceof Database.SqliteError;
