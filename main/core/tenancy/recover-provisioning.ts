import { existsSync } from 'node:fs';
import type { Core } from '../core';
import { openSqlite } from '../db/sqlite';
import { readIdentity } from './identity';
import { listProvisioningFiles, provisioningPath, removeDatabaseFile } from './provisioning-files';
import { tenantDbPath } from './slug';

/** A registration younger than this may still be running in another process (the CLI). */
export const STALE_PROVISIONING_MS = 2 * 60_000;

function stampedFor(file: string, clinicId: string): boolean {
  try {
    const db = openSqlite(file, { readonly: true });
    try {
      return readIdentity(db).clinicId === clinicId;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Cleans up registrations a crash interrupted: a clinic still provisioning never got its owner
 * (that is one transaction with activation), so it cannot be finished; its files and row go.
 * A file at the final name is removed only if its stamp says it was built for that clinic.
 */
export async function recoverProvisioning(core: Core, staleAfterMs = STALE_PROVISIONING_MS): Promise<string[]> {
  const cutoff = new Date(core.clock().getTime() - staleAfterMs).toISOString();
  const stuck = await core.master
    .selectFrom('clinics')
    .select(['id', 'slug', 'created_at'])
    .where('provisioning_state', '=', 'provisioning')
    .execute();
  const removed: string[] = [];
  const live = new Set<string>();
  for (const clinic of stuck) {
    if (clinic.created_at > cutoff) {
      live.add(clinic.id);
      continue;
    }
    const finalPath = tenantDbPath(core.layout.tenantsDir, clinic.slug);
    removeDatabaseFile(provisioningPath(finalPath, clinic.id));
    if (existsSync(finalPath) && stampedFor(finalPath, clinic.id)) removeDatabaseFile(finalPath);
    await core.master.deleteFrom('clinics').where('id', '=', clinic.id).execute();
    removed.push(clinic.slug);
  }
  for (const leftover of listProvisioningFiles(core.layout.tenantsDir)) {
    if (!live.has(leftover.clinicId)) removeDatabaseFile(leftover.file);
  }
  return removed;
}
