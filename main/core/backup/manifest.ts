import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_TRIGGERS } from '../../../preload/contract/channels/backup';
import { writeFileDurable } from './file-io';

const fileName = z.string().regex(/^[A-Za-z0-9_.-]+\.sqlite3$/);

const clinicSchema = z.object({ id: z.string().min(1), slug: z.string().min(1), name: z.string() });

const databaseEntrySchema = z.object({
  role: z.enum(['master', 'clinic']),
  /** The database file's name in the backup's folder. */
  file: fileName,
  clinic: clinicSchema.nullable(),
  /** Applied migration names. */
  schema: z.array(z.string()),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const failureSchema = z.object({ clinicId: z.string(), slug: z.string(), message: z.string() });

const manifestSchema = z.object({
  format: z.literal('medadmin-backup'),
  formatVersion: z.literal(1),
  kind: z.enum(['clinic', 'all']),
  trigger: z.enum(BACKUP_TRIGGERS),
  createdAt: z.string(),
  appVersion: z.string(),
  databases: z.array(databaseEntrySchema),
  /** Clinics a backup of everything could not copy; the backup is partial. */
  failures: z.array(failureSchema),
});

export type DatabaseEntry = z.infer<typeof databaseEntrySchema>;
export type BackupFailure = z.infer<typeof failureSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  await writeFileDurable(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A manifest as written by this or an older build; null when the file is missing or not one. */
export function readManifest(file: string): Manifest | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The manifest that describes a clinic backup file: `<stamp>.manifest.json` beside `<stamp>.sqlite3`. */
export const manifestBeside = (dbFile: string): string =>
  path.join(path.dirname(dbFile), `${path.basename(dbFile, '.sqlite3')}.manifest.json`);
