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

interface StatementRecorder {
  /** The statements run on the database since the last take (or since recording began). */
  take(): StatementCall[];
  /**
   * Runs recorded statements on a raw connection through better-sqlite3's own methods, never the
   * recording wrappers, preparing each text once; returns the ms taken.
   */
  replay(db: Database.Database, calls: readonly StatementCall[], cache: Map<string, Database.Statement>): number;
  /** Puts better-sqlite3 back as it was; nothing is recorded after this. */
  stop(): void;
}

/**
 * Records every statement executed on `db` — whatever layer issued it (Kysely, our driver,
 * pragmas) — until stopped. The raw baseline then replays exactly those statements, so "raw" is
 * the same SQL with the same values, without the layers above better-sqlite3.
 *
 * better-sqlite3's Statement methods are wrapped once for the whole recording, not around each
 * call: changing a prototype invalidates what V8 has optimised against it, and doing that per
 * call cost the timed side more than the work it timed. What the thin wrapper still costs is
 * paid by the product's side only (replays call the originals), so it can never flatter the
 * product.
 */
export function recordStatements(db: SqliteDb): StatementRecorder {
  const scratch = new Database(':memory:');
  const proto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<Method, StatementMethod>;
  scratch.close();
  const originals = new Map(METHODS.map((method) => [method, proto[method]] as const));
  let calls: StatementCall[] = [];
  let stopped = false;
  for (const [method, original] of originals) {
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (this.database === db) calls.push({ sql: this.source, method, args });
      return original.apply(this, args);
    };
  }
  const run = (stmt: Database.Statement, call: StatementCall): unknown => (originals.get(call.method) as StatementMethod).apply(stmt, call.args);
  return {
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    replay(raw, replayed, cache) {
      const start = performance.now();
      for (const call of replayed) {
        let stmt = cache.get(call.sql);
        if (!stmt) {
          stmt = raw.prepare(call.sql);
          cache.set(call.sql, stmt);
        }
        const result = run(stmt, call);
        if (call.method === 'iterate') for (const _ of result as Iterable<unknown>) void _;
      }
      return since(start);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const [method, original] of originals) proto[method] = original;
    },
  };
}
