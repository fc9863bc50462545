import Database from 'better-sqlite3';
import type { SqliteDb } from '../main/core/db/sqlite';
import { since } from './stats';

type Method = 'run' | 'get' | 'all' | 'iterate';
const METHODS: Method[] = ['run', 'get', 'all', 'iterate'];

/** One statement execution as SQLite saw it: text, how it was run, and its bound values. */
export interface StatementCall {
  sql: string;
  method: Method;
  args: unknown[];
}

type StatementMethod = (this: Database.Statement, ...args: unknown[]) => unknown;

/**
 * Runs `fn` and records every statement it executes on `db` — whatever layer issued it
 * (Kysely, our driver, pragmas). The raw baseline then replays exactly those statements, so
 * "raw" is the same SQL with the same values, without the layers above better-sqlite3.
 */
export async function recordStatements<T>(db: SqliteDb, fn: () => Promise<T>): Promise<{ value: T; calls: StatementCall[] }> {
  const scratch = new Database(':memory:');
  const proto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<Method, StatementMethod>;
  scratch.close();
  const originals = new Map(METHODS.map((m) => [m, proto[m]]));
  const calls: StatementCall[] = [];
  for (const method of METHODS) {
    const original = originals.get(method)!;
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (this.database === db) calls.push({ sql: this.source, method, args });
      return original.apply(this, args);
    };
  }
  try {
    return { value: await fn(), calls };
  } finally {
    for (const method of METHODS) proto[method] = originals.get(method)!;
  }
}

/** Replays recorded statements on a raw connection, preparing each text once; returns the ms taken. */
export function replay(db: Database.Database, calls: readonly StatementCall[], cache: Map<string, Database.Statement>): number {
  const start = performance.now();
  for (const call of calls) {
    let stmt = cache.get(call.sql);
    if (!stmt) {
      stmt = db.prepare(call.sql);
      cache.set(call.sql, stmt);
    }
    if (call.method === 'iterate') for (const _ of stmt.iterate(...call.args)) void _;
    else stmt[call.method](...call.args);
  }
  return since(start);
}
