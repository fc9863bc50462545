import { masterMigrations } from '../../../migrations/master';
import { tenantMigrations } from '../../../migrations/tenant';
import { APPLICATION_ID, type ClinicRef } from '../tenancy/identity';
import { runDatabaseWorker } from './run-database-worker';
import { FileRefusedError, type RefusalReason } from './refusal';
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
 * counts. Everything after the header runs in a worker thread (database-worker.cjs), which opens
 * the file read-only and changes nothing.
 */
export async function inspectDatabaseFile(file: string, expect: Expectation, signal?: AbortSignal): Promise<FileFacts> {
  checkSqliteHeader(file);
  return accepted(await runDatabaseWorker({ task: 'inspect', file, ...workerChecks(expect) }, undefined, signal)).facts;
}

type Refused = { refused: RefusalReason; detail?: string };

/** What the database worker needs to know to check a file against `expect`. */
export function workerChecks(expect: Expectation) {
  const migrations = expect.kind === 'clinic' ? tenantMigrations : masterMigrations;
  return { expect, applicationId: APPLICATION_ID, knownMigrations: migrations.map((m) => m.name) };
}

/** A worker's outcome, or its refusal thrown as FileRefusedError. */
export function accepted<T extends object>(outcome: T): Exclude<T, Refused> {
  if (!('refused' in outcome)) return outcome as Exclude<T, Refused>;
  const { refused, detail } = outcome as Refused;
  // SQLite's own complaint stays with the refusal for the log, as it did before the worker
  throw new FileRefusedError(refused, detail === undefined ? undefined : { cause: new Error(detail) });
}
