import { masterMigrations } from '../../../migrations/master';
import { tenantMigrations } from '../../../migrations/tenant';
import { APPLICATION_ID, type ClinicRef } from '../tenancy/identity';
import { inspectInWorker } from './inspect-in-worker';
import { FileRefusedError } from './refusal';
import { checkSqliteHeader } from './sqlite-header';

export interface ClinicProfile {
  name: string;
  contactEmail: string;
  timezone: string;
  currency: string;
}

/** What a checked database file holds, as a manifest records it. */
export interface FileFacts {
  /** The clinic the file is stamped for; null for master. */
  clinic: ClinicRef | null;
  /** Applied migration names: the file's schema version. */
  schema: string[];
  rowCounts: Record<string, number>;
  /** Master's description of the clinic when the copy was made, if the file carries one. */
  profile: ClinicProfile | null;
}

export type Expectation = { kind: 'master' } | { kind: 'clinic'; clinic?: ClinicRef };

/**
 * Every check a backup, restore or import makes of a database file, in order: a SQLite file
 * of its full length, intact pages (SQLite's integrity check, table by table), the identity
 * stamp (of the expected clinic, if one is named) and a schema this build knows; then the row
 * counts. Everything after the header runs in a worker thread (inspect-worker.cjs), which opens
 * the file read-only and changes nothing.
 */
export async function inspectDatabaseFile(file: string, expect: Expectation): Promise<FileFacts> {
  checkSqliteHeader(file);
  const migrations = expect.kind === 'clinic' ? tenantMigrations : masterMigrations;
  const outcome = await inspectInWorker({ file, expect, applicationId: APPLICATION_ID, knownMigrations: migrations.map((m) => m.name) });
  if ('facts' in outcome) return outcome.facts;
  // SQLite's own complaint stays with the refusal for the log, as it did before the worker
  throw new FileRefusedError(outcome.refused, outcome.detail === undefined ? undefined : { cause: new Error(outcome.detail) });
}
