import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { openSqlite } from '../db/sqlite';
import { provisioningPath } from '../tenancy/provisioning-files';
import type { TenantRefusal } from '../tenancy/tenant-errors';
import { databaseHealth, type HealthProblem } from './database-health';
import { inspectTenant } from './tenant-inspection';

type ProblemKind = Exclude<TenantRefusal, 'migration-failed'> | 'orphan-file' | HealthProblem['kind'];

interface Problem {
  kind: ProblemKind;
  /** 'master', a clinic's slug, or the name of a file in the clinics folder that no clinic owns. */
  database: string;
  message: string;
}

export interface CheckReport {
  /** Clinic databases examined (registered, not archived without a file). */
  clinics: number;
  problems: Problem[];
}

const REFUSAL_MESSAGES: Record<ProblemKind & TenantRefusal, string> = {
  'missing-file': 'the database file is missing',
  symlink: 'the database path is a link, not a file',
  'not-a-file': 'the database path is not a file',
  'not-a-database': 'the file is not a readable database',
  foreign: 'the file is not a MedAdmin clinic database',
  'identity-mismatch': 'the file belongs to a different clinic',
  'newer-schema': 'the database was written by a newer version of MedAdmin',
};

const SIDECAR = /-(wal|shm|journal)$/;

const healthProblem = (database: string) => (p: HealthProblem): Problem => ({ kind: p.kind, database, message: p.message });

/** Entries of the clinics folder no clinic accounts for, each named once (with its sidecars). */
function orphanFiles(tenantsDir: string, clinics: { id: string; db_name: string; provisioning_state: string }[]): string[] {
  const owned = new Set<string>();
  for (const c of clinics) {
    const file = `${c.db_name}.sqlite3`;
    owned.add(file);
    // a registration running in another process builds its file beside the final name
    if (c.provisioning_state === 'provisioning') owned.add(path.basename(provisioningPath(path.join(tenantsDir, file), c.id)));
  }
  const orphans = new Set<string>();
  for (const name of readdirSync(tenantsDir)) {
    const base = name.replace(SIDECAR, '');
    if (!owned.has(base)) orphans.add(base);
  }
  return [...orphans].sort();
}

function masterProblems(core: Core): Problem[] {
  const db = openSqlite(core.layout.masterPath, { readonly: true });
  try {
    return databaseHealth(db).map(healthProblem('master'));
  } finally {
    db.close();
  }
}

/**
 * Reconciles master with the clinics folder and checks every database: clinics without their
 * file, files without a clinic, files refused on opening (wrong identity, links, damage, newer
 * schema), and SQLite's integrity and foreign-key checks. Reads only.
 */
export async function checkData(core: Core): Promise<CheckReport> {
  const clinics = await core.master.selectFrom('clinics').select(['id', 'slug', 'db_name', 'status', 'provisioning_state']).orderBy('slug').execute();
  const problems = masterProblems(core);
  let examined = 0;
  for (const clinic of clinics) {
    if (clinic.provisioning_state !== 'ready') continue;
    const { schema, health } = await inspectTenant(core.layout.tenantsDir, clinic, { health: true });
    // an archived clinic's file may have been moved to the archive on purpose
    if (schema.state === 'missing' && clinic.status === 'archived') continue;
    examined += 1;
    if (schema.state === 'missing') problems.push({ kind: 'missing-file', database: clinic.slug, message: REFUSAL_MESSAGES['missing-file'] });
    else if (schema.state === 'refused' && schema.reason !== 'migration-failed') {
      problems.push({ kind: schema.reason, database: clinic.slug, message: REFUSAL_MESSAGES[schema.reason] });
    }
    problems.push(...health.map(healthProblem(clinic.slug)));
  }
  for (const name of orphanFiles(core.layout.tenantsDir, clinics)) {
    problems.push({ kind: 'orphan-file', database: name, message: 'no clinic owns this file' });
  }
  return { clinics: examined, problems };
}
