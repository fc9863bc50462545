import { tenantMigrations } from '../../../migrations/tenant';
import { migrationState, stateOf, type Migration, type MigrationState } from '../db/migrator';
import type { ClinicRef } from '../tenancy/identity';
import { tenantDbPath } from '../tenancy/slug';
import { fingerprintBefore, type VerifiedFiles } from '../tenancy/verified-files';
import { TenantUnavailableError } from '../tenancy/tenant-errors';
import { databaseHealth, type HealthProblem } from './database-health';
import { readTenantFile } from './read-tenant-file';
import { isSqliteError } from './sqlite-error';
import { schemaStateOf, type SchemaState } from './schema-state';

interface TenantInspection {
  schema: SchemaState;
  /** Names of this build's migrations the file has not had yet. */
  pending: string[];
  /** Integrity and foreign-key findings, when asked for and the file could be opened. */
  health: HealthProblem[];
}

interface InspectOptions {
  health?: boolean;
  migrations?: readonly Migration[];
  verified?: VerifiedFiles;
}

const refused = (schema: SchemaState): TenantInspection => ({ schema, pending: [], health: [] });

const inspection = (state: MigrationState, health: HealthProblem[]): TenantInspection => {
  const schema = schemaStateOf(state);
  return { schema, pending: schema.state === 'pending' ? state.pending : [], health };
};

/**
 * A clinic file's schema state (and health, if asked), read without migrating or writing
 * anything. With `verified`, a file unchanged since it was last proven this clinic's is not
 * opened again, and a file opened and proven now is remembered.
 */
export async function inspectTenant(tenantsDir: string, clinic: ClinicRef, options: InspectOptions = {}): Promise<TenantInspection> {
  const migrations = options.migrations ?? tenantMigrations;
  const file = tenantDbPath(tenantsDir, clinic.slug);
  const known = options.health ? null : options.verified?.applied(clinic, file);
  if (known) return inspection(stateOf(known, migrations), []);
  const before = options.verified ? fingerprintBefore(file) : null;
  try {
    const found = await readTenantFile(tenantsDir, clinic, async ({ sqlite, db }) => ({
      state: await migrationState(db, migrations),
      health: options.health ? databaseHealth(sqlite) : [],
    }));
    options.verified?.remember(clinic, file, found.state.applied, before);
    return inspection(found.state, found.health);
  } catch (err) {
    if (err instanceof TenantUnavailableError) {
      return refused(err.reason === 'missing-file' ? { state: 'missing' } : { state: 'refused', reason: err.reason });
    }
    if (isSqliteError(err)) return refused({ state: 'refused', reason: 'not-a-database' });
    throw err;
  }
}
