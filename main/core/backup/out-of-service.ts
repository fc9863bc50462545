import { existsSync } from 'node:fs';
import type { Core } from '../core';
import { openSqlite } from '../db/sqlite';
import { AppError } from '../errors';
import { fsyncDirectory } from '../fs-sync';
import { moveDatabaseFiles } from './file-io';

const BUSY_ATTEMPTS = 40;
const BUSY_WAIT_MS = 50;

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);
const isBusy = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && BUSY_CODES.has(String((err as { code: unknown }).code));

/**
 * True when no connection anywhere (another window's process, the command line) has the file
 * open: taking SQLite's exclusive lock fails while any other connection holds it. A file too
 * damaged to open cannot be in use either.
 */
function nobodyElseHasOpen(file: string): boolean {
  if (!existsSync(file)) return true;
  let db;
  try {
    db = openSqlite(file, { busyTimeoutMs: 0 });
  } catch (err) {
    return !isBusy(err);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('begin exclusive');
    db.exec('commit');
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    return true;
  } finally {
    db.close();
  }
}

/**
 * Takes the clinic's file out of service: this process's handle closed, no other process
 * holding it, then moved aside with its log in the same synchronous step, so nothing in this
 * process can open it in between. From here until the swap, opening the clinic fails cleanly
 * (missing file) instead of reading a file about to be replaced.
 */
export async function takeOutOfService(core: Core, clinicId: string, file: string, movedTo: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await core.tenants.close(clinicId);
    if (nobodyElseHasOpen(file)) {
      moveDatabaseFiles(file, movedTo);
      fsyncDirectory(file);
      fsyncDirectory(movedTo);
      break;
    }
    if (attempt >= BUSY_ATTEMPTS) {
      throw new AppError('CONFLICT', "The clinic's database is in use by another MedAdmin program (another window or the command line). Close it and try again.");
    }
    await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
  }
  // a handle opened on the old file just before it moved is closed too
  await core.tenants.close(clinicId);
}
