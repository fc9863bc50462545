import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { backupClinic } from '../../main/core/backup/take-backup';
import type { Core } from '../../main/core/core';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import { rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { maxStallDuring } from '../stall';
import { since } from '../stats';

const MB = 2 ** 20;

/**
 * backup_mb_per_s and backup_max_stall_ms: one backup of the big clinic as the app takes it
 * (backupClinic with the page check in the background: online copy, identity, schema, row counts
 * and sha256, then the manifest) while the event loop is watched, the stall including the page
 * check that follows; raw is SQLite's online backup alone, through better-sqlite3 with its
 * default steps on the main thread.
 */
export async function measureBackup(ctx: RunContext, core: Core, clinic: ClinicRef & { dbPath: string }): Promise<void> {
  const bytes = statSync(clinic.dbPath).size + (statSync(`${clinic.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  const start = performance.now();
  let seconds = 0;
  const { value: backup, maxStallMs } = await maxStallDuring(async () => {
    const taken = await backupClinic(core, clinic.id, { trigger: 'manual', pageCheck: 'background' });
    seconds = since(start) / 1000;
    if ((await taken.pageCheck) !== 'passed') throw new Error('the backup failed its page check');
    return taken;
  });
  const checkedSeconds = since(start) / 1000;
  rmSync(backup.dir, { recursive: true, force: true });

  const dest = path.join(ctx.dir, 'raw-backup.sqlite3');
  const source = rawOpen(clinic.dbPath);
  const rawStart = performance.now();
  const { maxStallMs: rawStall } = await maxStallDuring(() => source.backup(dest));
  const rawSeconds = since(rawStart) / 1000;
  source.close();
  rmSync(dest, { force: true });

  ctx.record('backup_mb_per_s', bytes / MB / seconds, { raw: bytes / MB / rawSeconds });
  ctx.record('backup_max_stall_ms', maxStallMs, { raw: rawStall });
  ctx.record('backup_page_check_mb_per_s', bytes / MB / (checkedSeconds - seconds));
  ctx.note(
    `backup: a ${(bytes / MB).toFixed(0)} MB clinic listed after ${seconds.toFixed(1)} s (copy, identity, schema, row counts, sha256, manifest) and page-checked after ${checkedSeconds.toFixed(1)} s ` +
      `(${(bytes / MB / checkedSeconds).toFixed(0)} MB/s all told, as scheduled backups and the CLI take them); raw online backup alone ${rawSeconds.toFixed(1)} s.`,
  );
}
