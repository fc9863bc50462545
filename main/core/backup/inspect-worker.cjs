'use strict';
// The heavy part of inspect-file.ts, run in a worker thread so that checking a multi-gigabyte
// file never holds the main process's event loop. Plain CommonJS with no imports of our own:
// Node hosts evaluate this text as it is, and the app's build bundles it with better-sqlite3
// inside (scripts/lib/bundles.ts), since the packaged app ships no node_modules.
// Input (workerData): file, expect, applicationId, knownMigrations, nativeBinding?,
// betterSqlitePath?. Output: one message, { facts } | { refused, detail? } | { error }.
// The checks run in the order inspect-file.ts documents, and the file is only ever read.
const { parentPort, workerData } = require('node:worker_threads');

// Node hosts name the package's entry (an evaluated worker resolves bare names from the working
// directory, not from the core); the bundled copy of this file carries the package inside.
const Database = workerData.betterSqlitePath ? require(workerData.betterSqlitePath) : require('better-sqlite3');

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
function checkClinicIdentity(db, expected) {
  const applicationId = db.pragma('application_id', { simple: true });
  const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'clinic_identity'`).get();
  const row = hasTable ? db.prepare('select clinic_id, slug from clinic_identity where singleton = 1').get() : undefined;
  if (applicationId !== workerData.applicationId || !row || !row.clinic_id || !row.slug) throw new Refusal('foreign');
  if (expected && (row.clinic_id !== expected.id || row.slug !== expected.slug)) throw new Refusal('other-clinic');
  return { id: row.clinic_id, slug: row.slug };
}

// the same reads as migrationState() in db/migrator.ts
function schemaOf(db) {
  const exists = db.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'medadmin_migrations'`).get();
  const applied = exists.n ? db.prepare('select name from "medadmin_migrations" order by name').all().map((r) => r.name) : [];
  const known = new Set(workerData.knownMigrations);
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

function examine(db, expect) {
  const tables = userTables(db);
  checkIntegrity(db, tables);
  const clinic = expect.kind === 'clinic' ? checkClinicIdentity(db, expect.clinic) : null;
  const schema = schemaOf(db);
  return { clinic, schema, rowCounts: countRows(db, tables), profile: clinic ? readProfile(db, tables) : null };
}

function open(file) {
  const options = { fileMustExist: true, readonly: true };
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

function inspect() {
  let db;
  try {
    db = open(workerData.file);
  } catch (err) {
    return { refused: err instanceof Database.SqliteError ? 'corrupt' : 'not-sqlite', detail: String(err && err.message) };
  }
  try {
    return { facts: examine(db, workerData.expect) };
  } catch (err) {
    if (err instanceof Refusal) return { refused: err.reason };
    if (err instanceof Database.SqliteError) return { refused: 'corrupt', detail: err.message };
    return { error: String((err && err.stack) || err) };
  } finally {
    db.close();
  }
}

parentPort.postMessage(inspect());
