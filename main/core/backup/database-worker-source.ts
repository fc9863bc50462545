import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface WorkerSource {
  /** CommonJS text for `new Worker(code, { eval: true })`. */
  code: string;
  /** Where the worker loads better-sqlite3 from; absent when the code carries it inside. */
  betterSqlitePath?: string;
}

let cached: WorkerSource | undefined;

/**
 * The database worker as Node hosts (tests, CLI, bench) run it: the script beside this module
 * and better-sqlite3 from node_modules. The app's main bundle replaces this whole module with
 * one returning the worker bundled with better-sqlite3 (scripts/lib/bundles.ts), because the
 * packaged app has neither the script's source folder nor node_modules.
 */
export function databaseWorkerSource(): WorkerSource {
  cached ??= {
    code: readFileSync(new URL('./database-worker.cjs', import.meta.url), 'utf8'),
    betterSqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'),
  };
  return cached;
}
