import path from 'node:path';
import { tenantMigrations } from '../../../migrations/tenant';
import { writeAudit, type AuditActor, type AuditEntry } from '../clinic/audit';
import type { TenantDB } from '../clinic/schema';
import { kyselyOver } from '../db/kysely-sqlite';
import { migrate } from '../db/migrator';
import { openSqlite } from '../db/sqlite';
import { AppError } from '../errors';
import { migrationRefusal } from '../tenancy/open-tenant';
import { decryptFile, EXPORT_MAGIC, type ExportHeader } from './export-format';
import { fsyncFile } from '../fs-sync';
import { copyFileHashed } from './file-io';
import { inspectDatabaseFile, type Expectation, type FileFacts } from './inspect-file';
import { manifestBeside, readManifest } from './manifest';
import type { OnProgress } from './progress';
import { FileRefusedError } from './refusal';
import { looksLikeSqlite, readFileStart } from './sqlite-header';

export interface SourceFile {
  file: string;
  passphrase?: string;
  /** The checksum its manifest records, when the caller found one. */
  sha256?: string;
}

interface StagedFile {
  facts: FileFacts;
  /** The export's header, when the file was an encrypted export. */
  header: ExportHeader | null;
}

/** The manifest beside a backup file records the checksum the file had when it was verified. */
function recordedChecksum(file: string): string | undefined {
  const manifest = readManifest(manifestBeside(file));
  return manifest?.databases.find((d) => d.file === path.basename(file))?.sha256;
}

async function copyIn(source: SourceFile, dest: string, onProgress?: OnProgress): Promise<ExportHeader | null> {
  const start = readFileStart(source.file, EXPORT_MAGIC.length);
  if (start.equals(EXPORT_MAGIC)) {
    if (!source.passphrase) throw new AppError('VALIDATION', 'This file is encrypted: enter its passphrase.', { passphrase: 'Required for this file.' });
    return decryptFile(source.file, dest, source.passphrase, onProgress);
  }
  if (!looksLikeSqlite(start)) throw new FileRefusedError('not-sqlite');
  const { sha256 } = await copyFileHashed(source.file, dest, (p) => onProgress?.({ ...p, label: 'Copying' }));
  const expected = source.sha256 ?? recordedChecksum(source.file);
  if (expected && expected !== sha256) throw new FileRefusedError('checksum-mismatch');
  return null;
}

/**
 * Brings a backup or export into `dest` (a private copy, decrypted if need be) and checks the
 * copy, so that what was checked is exactly what will be used: a SQLite database of its full
 * length, intact, stamped as the expected clinic's, with a schema this build knows. An
 * export's authenticated header must name the same clinic as the stamp inside.
 */
export async function stageIncoming(source: SourceFile, dest: string, expect: Expectation, onProgress?: OnProgress): Promise<StagedFile> {
  const header = await copyIn(source, dest, onProgress);
  onProgress?.({ done: 0, total: 1, label: 'Checking' });
  const facts = await inspectDatabaseFile(dest, expect);
  if (header && (header.clinic.id !== facts.clinic?.id || header.clinic.slug !== facts.clinic?.slug)) throw new FileRefusedError('tampered');
  onProgress?.({ done: 1, total: 1, label: 'Checking' });
  return { facts, header };
}

/**
 * Migrates the staged copy to this build's schema and records, inside it, how it came to be
 * the clinic's database: the entry commits with the file, so it exists exactly when the swap
 * does. Returns the migrations applied.
 */
export async function finishIncoming(file: string, actor: AuditActor, entry: AuditEntry, now: Date): Promise<string[]> {
  const db = kyselyOver<TenantDB>(openSqlite(file));
  let migrated: string[];
  try {
    migrated = await migrate(db, tenantMigrations).catch((err: unknown) => {
      throw migrationRefusal(err);
    });
    await writeAudit(db, actor, { ...entry, details: { ...entry.details, migrated } }, now);
  } finally {
    await db.destroy();
  }
  await fsyncFile(file);
  return migrated;
}
