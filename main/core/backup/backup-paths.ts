import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_ID_PATTERN } from '../../../preload/contract/channels/backup';
import { checkSlug } from '../tenancy/slug';

/** Backups of everything live beside the clinics' folders; no slug can start with "_". */
export const ALL_SET_DIR = '_all';
export const ALL_MANIFEST = 'manifest.json';
export const MASTER_FILE = 'master.sqlite3';

export type BackupKind = 'clinic' | 'all';

/** A backup's time stamp is the second half of its id (see BACKUP_ID_PATTERN). */
export const isStamp = (name: string): boolean => BACKUP_ID_PATTERN.test(`all/${name}`);

/** UTC, sortable, and legal in file names everywhere (no colons): 2024-05-01T02-00-00-000Z. */
export function backupStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-').replace('.', '-');
}

export function parseBackupId(id: string): { kind: BackupKind; stamp: string } | null {
  const m = BACKUP_ID_PATTERN.exec(id);
  return m ? { kind: m[1] as BackupKind, stamp: m[2] as string } : null;
}

/** Backup folders hold whole practices: owner-only, tightened if they already exist. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  return dir;
}

export const clinicSetDir = (root: string, slug: string): string => path.join(root, checkSlug(slug));
export const allSetsDir = (root: string): string => path.join(root, ALL_SET_DIR);

/** A clinic backup's files; `damaged` is where a copy that failed its check is kept, unlisted. */
export function clinicBackupFiles(root: string, slug: string, stamp: string): { db: string; manifest: string; damaged: string } {
  const dir = clinicSetDir(root, slug);
  return { db: path.join(dir, `${stamp}.sqlite3`), manifest: path.join(dir, `${stamp}.manifest.json`), damaged: path.join(dir, `${stamp}.damaged.sqlite3`) };
}

/** A stamp for `at` that no backup in the folder uses yet (two backups in one millisecond). */
export function freeStamp(at: Date, taken: (stamp: string) => boolean): string {
  const base = backupStamp(at);
  if (!taken(base)) return base;
  for (let n = 2; n < 1000; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
  throw new Error('too many backups in one millisecond');
}
