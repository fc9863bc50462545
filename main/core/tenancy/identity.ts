import { closeSync, openSync, readSync } from 'node:fs';
import type { SqliteDb } from '../db/sqlite';
import { TenantUnavailableError } from './tenant-errors';

/** PRAGMA application_id of every clinic database: 'MDMN'. */
export const APPLICATION_ID = 0x4d444d4e;

export interface ClinicRef {
  id: string;
  slug: string;
}

/** Stamps a clinic database with the clinic it belongs to; done once, when the file is built. */
export function writeIdentity(db: SqliteDb, clinic: ClinicRef, now: Date = new Date()): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.prepare(
    `insert into clinic_identity (singleton, clinic_id, slug, stamped_at) values (1, ?, ?, ?)
     on conflict (singleton) do update set clinic_id = excluded.clinic_id, slug = excluded.slug, stamped_at = excluded.stamped_at`,
  ).run(clinic.id, clinic.slug, now.toISOString());
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const APPLICATION_ID_OFFSET = 68;

/**
 * The application id as the file's header records it, read without SQLite so that a file can
 * be judged before it is opened; null when the file is not an SQLite database.
 */
export function headerApplicationId(file: string): number | null {
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_SIZE, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_SIZE || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return null;
  return header.readUInt32BE(APPLICATION_ID_OFFSET);
}

export interface StoredIdentity {
  applicationId: number;
  clinicId: string | null;
  slug: string | null;
}

export function readIdentity(db: SqliteDb): StoredIdentity {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'clinic_identity'`).get();
  if (!hasTable) return { applicationId, clinicId: null, slug: null };
  const row = db.prepare('select clinic_id, slug from clinic_identity where singleton = 1').get() as
    | { clinic_id: string; slug: string }
    | undefined;
  return { applicationId, clinicId: row?.clinic_id ?? null, slug: row?.slug ?? null };
}

/**
 * A file is served only if it says it is this clinic's: a database from another program, a
 * copy of another clinic's file or a renamed one is refused, never opened as this clinic.
 */
export function checkIdentity(db: SqliteDb, clinic: ClinicRef): void {
  const stored = readIdentity(db);
  if (stored.applicationId !== APPLICATION_ID || stored.clinicId === null) {
    throw new TenantUnavailableError('foreign', 'The clinic file is not a MedAdmin clinic database.');
  }
  if (stored.clinicId !== clinic.id || stored.slug !== clinic.slug) {
    throw new TenantUnavailableError('identity-mismatch', 'The clinic file belongs to a different clinic.');
  }
}
