import { masterMigrations } from '../../../migrations/master';
import type { Core } from '../core';
import { migrationState } from '../db/migrator';
import { schemaStateOf, type SchemaState } from './schema-state';
import { VerifiedFiles } from '../tenancy/verified-files';
import { inspectTenant } from './tenant-inspection';

export interface DataStatus {
  dataDir: string;
  master: { schema: SchemaState; applied: number };
  /** Registered clinics (registrations still in progress are not counted). */
  clinics: number;
  /** Clinics by the state of their file. */
  clinicSchemas: { upToDate: number; pending: number; missing: number; refused: number };
  /** Migrations not yet run: master's by name; the clinics' by name with how many clinics lack each. */
  pendingMigrations: { master: string[]; clinics: { name: string; clinics: number }[] };
}

/** The data folder at a glance, for `medadmin status`; reads only. */
export async function dataStatus(core: Core): Promise<DataStatus> {
  const master = await migrationState(core.master, masterMigrations);
  const clinics = await core.master.selectFrom('clinics').select(['id', 'slug']).where('provisioning_state', '=', 'ready').execute();
  const counts = { upToDate: 0, pending: 0, missing: 0, refused: 0 };
  const lacking = new Map<string, number>();
  const verified = VerifiedFiles.load(core.layout.root);
  for (const clinic of clinics) {
    const { schema, pending } = await inspectTenant(core.layout.tenantsDir, clinic, { verified });
    if (schema.state === 'up-to-date') counts.upToDate += 1;
    else counts[schema.state] += 1;
    for (const name of pending) lacking.set(name, (lacking.get(name) ?? 0) + 1);
  }
  verified.save();
  return {
    dataDir: core.layout.root,
    master: { schema: schemaStateOf(master), applied: master.applied.length },
    clinics: clinics.length,
    clinicSchemas: counts,
    pendingMigrations: {
      master: master.pending,
      clinics: [...lacking].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => ({ name, clinics: n })),
    },
  };
}
