import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { allSetsDir } from './backup-paths';
import { markInterruptedRuns } from './backup-runs';
import { recoverOperations } from './staged-operation';

/** A half-written backup this old is no longer being written by anyone. */
const STALE_PARTIAL_MS = 3_600_000;

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Half-written backups: `*.partial` files and folders, and the export work folder's leftovers. */
function removeStalePartials(backupsDir: string, now: number): void {
  const candidates: string[] = [];
  for (const dir of [backupsDir, ...readdirSync(backupsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(backupsDir, e.name))]) {
    for (const name of readdirSync(dir)) if (/\.partial(-wal|-shm|-journal)?$/.test(name)) candidates.push(path.join(dir, name));
  }
  const work = path.join(backupsDir, '.work');
  if (existsSync(work)) for (const name of readdirSync(work)) candidates.push(path.join(work, name));
  const sets = allSetsDir(backupsDir);
  if (existsSync(sets)) for (const name of readdirSync(sets)) if (name.endsWith('.partial')) candidates.push(path.join(sets, name));
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
