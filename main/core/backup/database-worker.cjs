'use strict';
// The heavy work on whole database files, run in a worker thread so that a multi-gigabyte file
// never holds the main process's event loop: copying a database for a backup ("snapshot") and
// checking one ("inspect"). Plain CommonJS with no imports of our own: Node hosts evaluate this
// text as it is, and the app's build bundles it with better-sqlite3 inside
// (scripts/lib/bundles.ts), since the packaged app ships no node_modules.
// workerData: nativeBinding?, betterSqlitePath?. Each message is one task: { id, task,
// expect, applicationId, knownMigrations } and per task inspect { file } | snapshot { source,
// sourceReadonly, dest, profile?, copiedAt, pageCheck }. Answers carry the task's id: any
// number of { progress }, then one { facts, sha256?, bytes? } | { refused, detail? } | { error }.
// Inspect runs the checks in the order inspect-file.ts documents and only ever reads the file.
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

// Node hosts name the package's entry (an evaluated worker resolves bare names from the working
// directory, not from the core); the bundled copy of this file carries the package inside.
const Database = workerData.betterSqlitePath ? require(workerData.betterSqlitePath) : require('better-sqlite3');

const CHECK_CACHE_KIB = 256 * 1024;
// set for the task being run: where its progress goes
let progressTo = () => {};

const quoted = (name) => `"${name.replace(/"/g, '""')}"`;

class Refusal extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

function userTables(db) {
  const rows = db.prepare(`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name`).all();
  return rows.map((r) => r.name);
}

function checkIntegrity(db, tables) {
  for (const table of ['sqlite_schema', ...tables]) {
    const rows = db.pragma(`integrity_check(${quoted(table)})`);
    if (rows.some((r) => r.integrity_check !== 'ok')) throw new Refusal('corrupt');
  }
}

// the same reads as readIdentity() in tenancy/identity.ts
function checkClinicIdentity(db, expected, applicationId) {
  const stamped = db.pragma('application_id', { simple: true });
  const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'clinic_identity'`).get();
  const row = hasTable ? db.prepare('select clinic_id, slug from clinic_identity where singleton = 1').get() : undefined;
  if (stamped !== applicationId || !row || !row.clinic_id || !row.slug) throw new Refusal('foreign');
  if (expected && (row.clinic_id !== expected.id || row.slug !== expected.slug)) throw new Refusal('other-clinic');
  return { id: row.clinic_id, slug: row.slug };
}

// the same reads as migrationState() in db/migrator.ts
function schemaOf(db, knownMigrations) {
  const exists = db.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'medadmin_migrations'`).get();
  const applied = exists.n ? db.prepare('select name from "medadmin_migrations" order by name').all().map((r) => r.name) : [];
  const known = new Set(knownMigrations);
  if (applied.some((name) => !known.has(name))) throw new Refusal('newer-schema');
  return applied;
}

function countRows(db, tables) {
  const counts = {};
  for (const table of tables) counts[table] = db.prepare(`select count(*) as n from ${quoted(table)}`).get().n;
  return counts;
}

function readProfile(db, tables) {
  if (!tables.includes('clinic_profile')) return null;
  const row = db.prepare('select name, contact_email, timezone, currency from clinic_profile where singleton = 1').get();
  return row ? { name: row.name, contactEmail: row.contact_email, timezone: row.timezone, currency: row.currency } : null;
}

// the backup-time reading of a fresh copy leaves the page-by-page check to inspect
// `checks`: the request's expect, applicationId and knownMigrations
function examine(db, checks, { integrity }) {
  const { expect } = checks;
  const tables = userTables(db);
  if (integrity) {
    // a larger page cache than SQLite's 2 MB default: the check looks every row up in each index
    db.pragma(`cache_size = -${CHECK_CACHE_KIB}`);
    checkIntegrity(db, tables);
  }
  const clinic = expect.kind === 'clinic' ? checkClinicIdentity(db, expect.clinic, checks.applicationId) : null;
  const schema = schemaOf(db, checks.knownMigrations);
  return { clinic, schema, rowCounts: countRows(db, tables), profile: clinic ? readProfile(db, tables) : null };
}

function open(file, readonly = true) {
  const options = { fileMustExist: true, readonly };
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
  const db = new Database(file, options);
  try {
    // as openSqlite(): wait for a writer rather than fail at once
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Runs `work` with connections it opens through `openFile`, all closed after it, as one outcome. */
function settle(work, opened = []) {
  try {
    return work((file, readonly) => {
      const db = open(file, readonly);
      opened.push(db);
      return db;
    });
  } catch (err) {
    if (err instanceof Refusal) return { refused: err.reason };
    if (err instanceof Database.SqliteError) return { refused: 'corrupt', detail: err.message };
    return { error: String((err && err.stack) || err) };
  } finally {
    for (const db of opened) if (db.open) db.close();
  }
}

function inspect(request) {
  let db;
  try {
    db = open(request.file);
  } catch (err) {
    return { refused: err instanceof Database.SqliteError ? 'corrupt' : 'not-sqlite', detail: String(err && err.message) };
  }
  return settle(() => ({ facts: examine(db, request, { integrity: true }) }), [db]);
}

// 16 MB of 4 KB pages a step: large steps copy fastest, and between steps progress is reported
const FIRST_STEP_PAGES = 4096;
const MAX_STEP_PAGES = 0x7fffffff;

/**
 * SQLite's online backup through this worker's own connection. The app's writes go on meanwhile
 * and restart the copy, so after each restart the steps grow until one outruns the writer: the
 * copy always ends, and always as one consistent state.
 */
async function copyDatabase(source, dest) {
  let step = FIRST_STEP_PAGES;
  let lastRemaining = Number.POSITIVE_INFINITY;
  const copied = await source.backup(dest, {
    progress({ totalPages, remainingPages }) {
      if (remainingPages > lastRemaining) step = Math.min(step * 4, MAX_STEP_PAGES);
      lastRemaining = remainingPages;
      progressTo({ done: totalPages - remainingPages, total: totalPages });
      return step;
    },
  });
  // "busy" before the first page reads as a finished copy of nothing
  if (copied.totalPages === 0) throw new Error('the copy ended before its first page');
  progressTo({ done: copied.totalPages, total: copied.totalPages });
}

// a backup is one self-contained file: no write-ahead log beside it
function finishCopy(db, profile, copiedAt) {
  db.pragma('journal_mode = DELETE');
  const hasTable = db.prepare(`select 1 from sqlite_schema where type = 'table' and name = 'clinic_profile'`).get();
  if (profile && hasTable) {
    db.prepare('insert or replace into clinic_profile (singleton, name, contact_email, timezone, currency, copied_at) values (1, ?, ?, ?, ?, ?)').run(
      profile.name,
      profile.contactEmail,
      profile.timezone,
      profile.currency,
      copiedAt,
    );
  }
}

const HASH_CHUNK = 8 * 1024 * 1024;

function hashFile(file) {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK);
    let bytes = 0;
    for (let n; (n = readSync(fd, buffer, 0, HASH_CHUNK, null)) > 0; bytes += n) hash.update(buffer.subarray(0, n));
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the database into `dest` (a new file), makes the copy self-contained and durable (SQLite
 * syncs it at each commit), then reads what the manifest records of it — identity, schema, row
 * counts, after checking every page if asked — and hashes exactly the bytes on disk.
 */
async function snapshot(request) {
  const { source, sourceReadonly, dest, profile, copiedAt, pageCheck } = request;
  try {
    const db = open(source, sourceReadonly);
    try {
      await copyDatabase(db, dest);
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof Database.SqliteError) return { refused: 'corrupt', detail: err.message };
    return { error: String((err && err.stack) || err) };
  }
  const result = settle((openFile) => {
    const copy = openFile(dest, false);
    finishCopy(copy, profile, copiedAt);
    copy.close();
    return { facts: examine(openFile(dest), request, { integrity: pageCheck }) };
  });
  return result.facts ? { ...result, ...hashFile(dest) } : result;
}

const tasks = { inspect, snapshot };

// One task per message, one at a time, each answered with its outcome; the worker stays until
// it is terminated, so a backup of many clinics starts it (and loads SQLite into it) once.
let queue = Promise.resolve();
parentPort.on('message', (request) => {
  queue = queue.then(async () => {
    const post = (message) => parentPort.postMessage({ ...message, id: request.id });
    progressTo = (progress) => post({ progress });
    try {
      post(await tasks[request.task](request));
    } catch (err) {
      post({ error: String((err && err.stack) || err) });
    }
  });
});
