import type { Kysely } from 'kysely';
import type { TenantDB } from '../clinic/schema';
import { kyselyOver } from '../db/kysely-sqlite';
import type { SqliteDb } from '../db/sqlite';
import type { ClinicRef } from '../tenancy/identity';
import { checkClinicFile, openStampedFile } from '../tenancy/open-tenant';
import { tenantDbPath } from '../tenancy/slug';

interface ReadOnlyTenant {
  sqlite: SqliteDb;
  db: Kysely<TenantDB>;
}

/**
 * Opens a clinic's file for the admin commands: the checks of serving it (a regular file at the
 * path derived from the slug, stamped for this clinic) but read-only and never migrated, so
 * listing or checking every clinic changes none of them. The file is closed before returning.
 */
export async function readTenantFile<T>(
  tenantsDir: string,
  clinic: ClinicRef,
  fn: (tenant: ReadOnlyTenant) => Promise<T> | T,
): Promise<T> {
  const file = tenantDbPath(tenantsDir, clinic.slug);
  checkClinicFile(file);
  const sqlite = openStampedFile(file, clinic, { readonly: true });
  const db = kyselyOver<TenantDB>(sqlite);
  try {
    return await fn({ sqlite, db });
  } finally {
    await db.destroy();
  }
}
