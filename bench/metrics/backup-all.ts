import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { backupEverything } from '../../main/core/backup/take-backup';
import type { Core } from '../../main/core/core';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { since } from '../stats';

/**
 * backup_all_per_clinic_ms: the nightly backup of everything (master and every clinic, each
 * copied and page-checked before the set is written) divided by the clinics it holds; raw is
 * SQLite's online backup of each clinic file alone, one after another.
 */
export async function measureBackupAll(ctx: RunContext, core: Core, clinics: readonly ClinicRef[]): Promise<void> {
  const root = path.join(ctx.dir, 'backup-all');
  const start = performance.now();
  const result = await backupEverything(core, { trigger: 'manual', root });
  const ms = since(start);
  rmSync(root, { recursive: true, force: true });
  if (result.manifest.failures.length || result.manifest.databases.length !== clinics.length + 1) {
    throw new Error('the backup of everything did not copy every clinic');
  }

  const rawDir = path.join(ctx.dir, 'raw-backup-all');
  mkdirSync(rawDir, { recursive: true });
  const rawStart = performance.now();
  for (const [i, clinic] of clinics.entries()) {
    const db = rawOpen(tenantDbPath(core.layout.tenantsDir, clinic.slug), { readonly: true });
    await db.backup(path.join(rawDir, `${i}.sqlite3`));
    db.close();
  }
  const rawMs = since(rawStart);
  rmSync(rawDir, { recursive: true, force: true });

  ctx.record('backup_all_per_clinic_ms', ms / clinics.length, { raw: rawMs / clinics.length });
  ctx.note(`backup of everything: master and ${clinics.length} clinics in ${(ms / 1000).toFixed(1)} s, copied and page-checked one after another by one worker thread; raw online backups alone ${(rawMs / 1000).toFixed(1)} s.`);
}
