import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inspectDatabaseFile, workerChecks } from '../../main/core/backup/inspect-file';
import { DatabaseWorker } from '../../main/core/backup/run-database-worker';
import { snapshotDatabase } from '../../main/core/backup/snapshot';
import { openSqlite } from '../../main/core/db/sqlite';
import { tempDir } from '../helpers/temp-core';

// About 60 MB with an index: SQLite's integrity check of its one table takes over a hundred
// milliseconds here, which the synchronous check spent in one call on the main thread.
const ROWS = 300_000;

let folder: { dir: string; cleanup: () => void };
let file: string;

beforeAll(() => {
  folder = tempDir('medadmin-inspect-');
  file = path.join(folder.dir, 'large.sqlite3');
  const db = openSqlite(file, { create: true });
  db.exec('create table notes (id integer primary key, body text not null); create index notes_body on notes (body)');
  const insert = db.prepare('insert into notes (body) values (?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`note ${i} ${Math.random().toString(36).repeat(6)}`);
  })();
  db.close();
}, 60_000);
afterAll(() => folder.cleanup());

test('checking a large file leaves the main event loop free: a 1 ms timer keeps ticking', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const facts = await inspectDatabaseFile(file, { kind: 'master' });
    expect(facts.rowCounts).toEqual({ notes: ROWS });
  } finally {
    clearInterval(timer);
  }
  // run on the main thread, the check let the timer in only between tables (a handful of turns)
  expect(ticks).toBeGreaterThanOrEqual(25);
});

test('copying a large file for a backup leaves the main event loop free too', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const dest = path.join(folder.dir, 'copy.sqlite3');
  try {
    const copy = await snapshotDatabase({ file, inService: false }, dest, { expect: { kind: 'master' }, now: new Date(), pageCheck: false });
    expect(copy.facts.rowCounts).toEqual({ notes: ROWS });
  } finally {
    clearInterval(timer);
  }
  // SQLite's online backup on the main thread let the timer in only between its steps
  expect(ticks).toBeGreaterThanOrEqual(25);
});

test('a worker whose thread ended during a task serves the next task on a new thread', async () => {
  const worker = new DatabaseWorker();
  const checks = workerChecks({ kind: 'master' });
  let timer: NodeJS.Timeout | undefined;
  try {
    const stop = new AbortController();
    const copy = { task: 'snapshot' as const, source: file, sourceReadonly: false, dest: path.join(folder.dir, 'stopped.sqlite3'), copiedAt: new Date().toISOString(), pageCheck: false, ...checks };
    // ended at its first progress report: the thread is inside the copy, not starting up
    await expect(worker.run(copy, () => stop.abort(new Error('stopped')), stop.signal)).rejects.toThrow('stopped');
    const next = worker.run({ task: 'inspect', file, ...checks });
    const hung = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the next task got no answer')), 10_000)));
    expect(await Promise.race([next, hung])).toMatchObject({ facts: { rowCounts: { notes: ROWS } } });
  } finally {
    clearTimeout(timer);
    await worker.close();
  }
});
