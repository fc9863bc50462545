import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sidecarPaths } from '../db/sqlite';

const SUFFIX = '.provisioning';

/** Where a clinic's database is built before it is renamed into place. */
export const provisioningPath = (finalPath: string, clinicId: string): string => `${finalPath}.${clinicId}${SUFFIX}`;

/** Removes a database file and whatever sidecars SQLite left beside it. */
export function removeDatabaseFile(file: string): void {
  for (const f of [file, ...sidecarPaths(file)]) rmSync(f, { force: true });
}

/** Half-built files in the tenants folder, with the clinic id each was built for. */
export function listProvisioningFiles(tenantsDir: string): { file: string; clinicId: string }[] {
  const found: { file: string; clinicId: string }[] = [];
  for (const name of readdirSync(tenantsDir)) {
    const match = /^tenant_[a-z0-9_]+\.sqlite3\.([0-9a-f-]{36})\.provisioning$/.exec(name);
    if (match?.[1]) found.push({ file: path.join(tenantsDir, name), clinicId: match[1] });
  }
  return found;
}
