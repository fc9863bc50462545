import { lstatSync } from 'node:fs';
import type { Core } from '../core';
import { AppError } from '../errors';
import { buildTenantFile } from './build-tenant-file';
import { clinicBySlug } from './clinic-by-slug';
import { tenantDbPath } from './slug';

export interface CreatedTenantDb {
  id: string;
  slug: string;
  dbName: string;
  dbPath: string;
}

/** lstat rather than exists: a dangling link at the clinic's name is still something in the way. */
function somethingAt(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The reference design's create_tenant_db: builds a fresh, migrated and stamped database for
 * an existing clinic whose file is missing. Never replaces a file that is there, whatever it
 * holds: a damaged or foreign file is for an administrator to look at, not to overwrite.
 */
export async function createTenantDb(core: Core, slug: string): Promise<CreatedTenantDb> {
  const clinic = await clinicBySlug(core, slug);
  if (clinic.status === 'archived') throw new AppError('CONFLICT', 'That clinic is archived; restore it instead of creating an empty database.');
  const dbPath = tenantDbPath(core.layout.tenantsDir, clinic.slug);
  if (somethingAt(dbPath)) throw new AppError('CONFLICT', 'A database file for this clinic already exists.');
  await buildTenantFile(dbPath, { id: clinic.id, slug: clinic.slug }, { now: core.clock() });
  return { id: clinic.id, slug: clinic.slug, dbName: clinic.db_name, dbPath };
}
