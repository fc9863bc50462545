import { closeSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { openSqlite, type SqliteDb } from '../db/sqlite';
import { fsyncDirectory } from '../fs-sync';
import { fsyncFile } from '../fs-sync';
import { sha256File } from './file-io';
import { inspectDatabaseFile, type ClinicProfile, type Expectation, type FileFacts } from './inspect-file';
import type { OnProgress } from './progress';

export interface Snapshot {
  facts: FileFacts;
  sha256: string;
  bytes: number;
}

interface SnapshotOptions {
  expect: Expectation;
  /** Written into a clinic's copy so the file can be imported elsewhere with its name. */
  profile?: ClinicProfile;
  onProgress?: OnProgress;
  label?: string;
  now: Date;
}

const FIRST_STEP_PAGES = 256;
const MAX_STEP_PAGES = 0x7fffffff;
/** Steps in a row without progress before the copy through the app's connection gives way. */
const STALL_STEPS = 500;
const START_ATTEMPTS = 3;

/** The copy could not proceed through the app's own connection (see onlineCopy). */
class CopyStalled extends Error {}

/**
 * Pages per step of SQLite's online backup. Between steps the event loop runs, so the app keeps
 * answering. A write through the same connection is copied along; a write from another
 * connection restarts the copy, so after each restart the steps grow until one outruns the
 * writer: the copy always ends, and always as one consistent state.
 */
function stepper(onProgress: OnProgress | undefined, label: string | undefined, stallSteps: number) {
  let step = FIRST_STEP_PAGES;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let still = 0;
  return ({ totalPages, remainingPages }: { totalPages: number; remainingPages: number }): number => {
    if (remainingPages > lastRemaining) step = Math.min(step * 4, MAX_STEP_PAGES);
    still = remainingPages === lastRemaining ? still + 1 : 0;
    if (still >= stallSteps) throw new CopyStalled();
    lastRemaining = remainingPages;
    onProgress?.({ done: totalPages - remainingPages, total: totalPages, ...(label && { label }) });
    return step;
  };
}

/** One attempt at SQLite's online backup of `source` into a fresh file; the number of pages copied. */
async function copyOnce(source: SqliteDb, partial: string, onProgress: OnProgress | undefined, label: string | undefined, stallSteps: number): Promise<number> {
  rmSync(partial, { force: true });
  closeSync(openSync(partial, 'wx', 0o600));
  const copied = await source.backup(partial, { progress: stepper(onProgress, label, stallSteps) });
  // "busy" before the first page reads as a finished copy of nothing
  if (copied.totalPages === 0) throw new CopyStalled();
  return copied.totalPages;
}

/**
 * Copies through the app's own connection, so the app's writes never restart the copy. While
 * that connection is inside a write transaction SQLite cannot step; if that keeps happening the
 * copy is redone through a private read-only connection instead, where the app's commits
 * restart it and the growing steps see it through.
 */
async function onlineCopy(source: SqliteDb, partial: string, onProgress: OnProgress | undefined, label: string | undefined): Promise<number> {
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await copyOnce(source, partial, onProgress, label, STALL_STEPS);
    } catch (err) {
      if (!(err instanceof CopyStalled)) throw err;
    }
  }
  const reader = openSqlite(source.name, { readonly: true });
  try {
    return await copyOnce(reader, partial, onProgress, label, Number.POSITIVE_INFINITY);
  } finally {
    reader.close();
  }
}

function writeProfile(file: string, profile: ClinicProfile | undefined, now: Date): void {
  const db = openSqlite(file);
  try {
    // a backup is one self-contained file: no write-ahead log beside it
    db.pragma('journal_mode = DELETE');
    const hasTable = db.prepare(`select 1 from sqlite_schema where type = 'table' and name = 'clinic_profile'`).get();
    if (profile && hasTable) {
      db.prepare(
        `insert or replace into clinic_profile (singleton, name, contact_email, timezone, currency, copied_at) values (1, ?, ?, ?, ?, ?)`,
      ).run(profile.name, profile.contactEmail, profile.timezone, profile.currency, now.toISOString());
    }
  } finally {
    db.close();
  }
}

/**
 * Copies an open database into `dest` with SQLite's online backup while it stays in use, then
 * verifies the copy as written (integrity, identity, schema) and hashes it. The copy is built
 * under a temporary name, so `dest` only ever holds a whole, checked database.
 */
export async function snapshotDatabase(source: SqliteDb, dest: string, options: SnapshotOptions): Promise<Snapshot> {
  const partial = `${dest}.partial`;
  try {
    const pages = await onlineCopy(source, partial, options.onProgress, options.label);
    // SQLite reports only the steps before the last one
    options.onProgress?.({ done: pages, total: pages, ...(options.label && { label: options.label }) });
    // flushed off the main thread first: the profile's commit below syncs the file inline, and
    // with the whole copy still dirty in the page cache that sync would freeze the app
    await fsyncFile(partial);
    writeProfile(partial, options.profile, options.now);
    await fsyncFile(partial);
    const facts = await inspectDatabaseFile(partial, options.expect);
    const sha256 = await sha256File(partial);
    const bytes = statSync(partial).size;
    renameSync(partial, dest);
    fsyncDirectory(dest);
    return { facts, sha256, bytes };
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw err;
  }
}
