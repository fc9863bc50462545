import Database from 'better-sqlite3';
import { cpus, totalmem } from 'node:os';
import type { Results } from './results';

/** The machine a run measured, as results.json records it. */
export function describeMachine(): Results['machine'] {
  const db = new Database(':memory:');
  try {
    const { v } = db.prepare('select sqlite_version() as v').get() as { v: string };
    return {
      cpus: cpus().length,
      model: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      sqlite: v,
    };
  } finally {
    db.close();
  }
}
