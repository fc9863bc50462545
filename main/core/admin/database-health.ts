import type { SqliteDb } from '../db/sqlite';
import { isSqliteError } from './sqlite-error';

export interface HealthProblem {
  kind: 'integrity' | 'foreign-keys';
  /** SQLite's findings name tables, indexes and row numbers, never the values stored. */
  message: string;
}

const MAX_LISTED = 3;

function summarise(findings: string[]): string {
  const shown = findings.slice(0, MAX_LISTED).join('; ');
  return findings.length > MAX_LISTED ? `${shown}; and ${findings.length - MAX_LISTED} more` : shown;
}

function integrity(db: SqliteDb): HealthProblem[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const findings = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  return findings.length ? [{ kind: 'integrity', message: summarise(findings) }] : [];
}

function foreignKeys(db: SqliteDb): HealthProblem[] {
  const rows = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  const counts = new Map<string, { table: string; parent: string; n: number }>();
  for (const r of rows) {
    const key = JSON.stringify([r.table, r.parent]);
    const entry = counts.get(key) ?? { table: r.table, parent: r.parent, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].map(({ table, parent, n }) => ({
    kind: 'foreign-keys' as const,
    message: n === 1 ? `1 row in ${table} refers to a missing row in ${parent}` : `${n} rows in ${table} refer to missing rows in ${parent}`,
  }));
}

/** PRAGMA integrity_check and foreign_key_check of one open database. */
export function databaseHealth(db: SqliteDb): HealthProblem[] {
  try {
    return [...integrity(db), ...foreignKeys(db)];
  } catch (err) {
    if (!isSqliteError(err)) throw err;
    return [{ kind: 'integrity', message: 'the database is damaged and could not be checked completely' }];
  }
}
