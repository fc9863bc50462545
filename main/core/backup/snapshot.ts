import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { fsyncDirectory } from '../fs-sync';
import { accepted, workerChecks, type ClinicProfile, type Expectation, type FileFacts } from './inspect-file';
import type { OnProgress, Progress } from './progress';
import { runDatabaseWorker, type DatabaseWorker } from './run-database-worker';

export interface Snapshot {
  facts: FileFacts;
  sha256: string;
  bytes: number;
}

/** The database a snapshot copies: its file, and whether the app is using it meanwhile. */
export interface SnapshotSource {
  file: string;
  /** In service, it is read through a read-only connection beside the app's own. */
  inService: boolean;
}

interface SnapshotOptions {
  expect: Expectation;
  /** Written into a clinic's copy so the file can be imported elsewhere with its name. */
  profile?: ClinicProfile;
  onProgress?: OnProgress;
  label?: string;
  now: Date;
  /**
   * Whether SQLite's integrity check of every page and index entry runs before the copy gets its
   * name. It takes ten times as long as the copy; without it the copy's identity, schema and row
   * counts are still read, and the caller checks its pages afterwards.
   */
  pageCheck: boolean;
  /** A worker serving a run of snapshots (a backup of everything); otherwise one is started for this one. */
  worker?: DatabaseWorker;
}

/**
 * Copies a database into `dest` with SQLite's online backup while it stays in use, checks the
 * copy if asked, reads what a manifest records of it and hashes it, all in one worker thread.
 * The copy is built under a temporary name, so `dest` only ever holds a whole database of the
 * expected identity.
 */
export async function snapshotDatabase(source: SnapshotSource, dest: string, options: SnapshotOptions): Promise<Snapshot> {
  const partial = `${dest}.partial`;
  const { label, onProgress } = options;
  try {
    rmSync(partial, { force: true });
    closeSync(openSync(partial, 'wx', 0o600));
    const request = {
      task: 'snapshot' as const,
      source: source.file,
      sourceReadonly: source.inService,
      dest: partial,
      ...workerChecks(options.expect),
      ...(options.profile && { profile: options.profile }),
      copiedAt: options.now.toISOString(),
      pageCheck: options.pageCheck,
    };
    const progress = onProgress && ((p: Progress) => onProgress({ ...p, ...(label && { label }) }));
    const { worker } = options;
    const copied = accepted(await (worker ? worker.run(request, progress) : runDatabaseWorker(request, progress)));
    renameSync(partial, dest);
    fsyncDirectory(dest);
    return copied;
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw err;
  }
}
