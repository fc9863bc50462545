import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { markInterruptedRuns } from './backup-runs';
import { recoverOperations } from './staged-operation';

/** A half-written backup this old is no longer being written by anyone. */
const STALE_PARTIAL_MS = 3_600_000;

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/**
 * Half-written backups: `*.partial` files (in a clinic's folder) and folders (a backup of
 * everything, in _all/), and what an export or a verification left in the work folder.
 */
function removeStalePartials(backupsDir: string, now: number): void {
  const candidates: string[] = [];
  const folders = readdirSync(backupsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(backupsDir, e.name));
  for (const dir of [backupsDir, ...folders]) {
    for (const name of readdirSync(dir)) if (/\.partial(-wal|-shm|-journal)?$/.test(name)) candidates.push(path.join(dir, name));
  }
  const work = path.join(backupsDir, '.work');
  if (existsSync(work)) for (const name of readdirSync(work)) candidates.push(path.join(work, name));
  for (const entry of candidates) {
    if (existsSync(entry) && now - newestChange(entry) > STALE_PARTIAL_MS) rmSync(entry, { recursive: true, force: true });
  }
}

/**
 * Start-up repair of what a crash interrupted: restores and imports are finished or undone (see
 * recoverOperations), half-written backups are removed, and runs that never finished are
 * recorded as failed so the failure is shown.
 */
export async function recoverBackups(core: Core): Promise<void> {
  recoverOperations(core.layout.tenantsDir, core.clock());
  removeStalePartials(core.layout.backupsDir, core.clock().getTime());
  await markInterruptedRuns(core);
}
