import { renameSync, rmSync } from 'node:fs';
import type { Core } from '../core';
import { finishRun } from './backup-runs';
import { inspectDatabaseFile, type Expectation } from './inspect-file';
import { FileRefusedError } from './refusal';

/**
 * How a backup's page-by-page check ended: 'damaged' copies were taken off the list;
 * 'not-checked' means the check could not finish (the app closed, the file went away), and the
 * backup stays listed as written: a restore checks every page again in any case.
 */
export type PageCheck = 'passed' | 'damaged' | 'not-checked';

interface BackupFiles {
  db: string;
  manifest: string;
  damaged: string;
}

const DAMAGED_MESSAGE =
  "The backup was written, but checking it found damage, so it was taken off the list. The clinic's own database may be damaged: run a check of it and take a new backup.";

/**
 * SQLite's integrity check of a listed backup, run after the backup was handed back. A damaged
 * copy must never be offered for a restore: its manifest is removed (a backup without one is not
 * listed), its file kept aside as `<stamp>.damaged.sqlite3`, and its run marked failed so that
 * backup status asks for attention. Never rejects.
 */
export async function checkPagesLater(core: Core, runId: string, files: BackupFiles, expect: Expectation, signal: AbortSignal): Promise<PageCheck> {
  try {
    await inspectDatabaseFile(files.db, expect, signal);
    return 'passed';
  } catch (err) {
    if (!(err instanceof FileRefusedError)) return 'not-checked';
  }
  try {
    rmSync(files.manifest, { force: true });
    renameSync(files.db, files.damaged);
    await finishRun(core, runId, { status: 'failed', message: DAMAGED_MESSAGE });
  } catch {
    // the manifest is gone first, so whatever else failed, the copy is no longer offered
  }
  return 'damaged';
}
