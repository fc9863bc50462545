import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { ALL_MANIFEST, ALL_SET_DIR, allSetsDir, isStamp, parseBackupId, type BackupKind } from './backup-paths';
import { readManifest, type DatabaseEntry, type Manifest } from './manifest';

interface BackupSet {
  id: string;
  kind: BackupKind;
  stamp: string;
  /** The folder holding the set's database files. */
  dir: string;
  manifest: Manifest;
}

/** One clinic's database inside a backup (its own, or a backup of everything). */
export interface ClinicBackup {
  id: string;
  kind: BackupKind;
  file: string;
  manifest: Manifest;
  entry: DatabaseEntry;
}

const MANIFEST_SUFFIX = '.manifest.json';

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

function clinicSets(root: string, slugDir: string): BackupSet[] {
  const dir = path.join(root, slugDir);
  const sets: BackupSet[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(MANIFEST_SUFFIX)) continue;
    const stamp = name.slice(0, -MANIFEST_SUFFIX.length);
    const manifest = isStamp(stamp) ? readManifest(path.join(dir, name)) : null;
    if (manifest?.kind === 'clinic') sets.push({ id: `clinic/${stamp}`, kind: 'clinic', stamp, dir, manifest });
  }
  return sets;
}

function everythingSets(root: string): BackupSet[] {
  const sets: BackupSet[] = [];
  for (const stamp of subdirs(allSetsDir(root))) {
    const dir = path.join(allSetsDir(root), stamp);
    const manifest = isStamp(stamp) ? readManifest(path.join(dir, ALL_MANIFEST)) : null;
    if (manifest?.kind === 'all') sets.push({ id: `all/${stamp}`, kind: 'all', stamp, dir, manifest });
  }
  return sets;
}

/**
 * Every finished backup under a backups folder, newest first. A backup counts once its
 * manifest is written, so one cut short by a crash is never offered.
 */
export function listBackupSets(root: string): BackupSet[] {
  const sets = subdirs(root).flatMap((name) => (name === ALL_SET_DIR ? everythingSets(root) : clinicSets(root, name)));
  return sets.sort((a, b) => b.stamp.localeCompare(a.stamp) || a.kind.localeCompare(b.kind));
}

/** The backups holding a copy of this clinic, newest first, wherever they are filed. */
export function clinicBackups(root: string, clinicId: string): ClinicBackup[] {
  return listBackupSets(root).flatMap((set) =>
    set.manifest.databases
      .filter((entry) => entry.role === 'clinic' && entry.clinic?.id === clinicId)
      .map((entry) => ({ id: set.id, kind: set.kind, file: path.join(set.dir, entry.file), manifest: set.manifest, entry })),
  );
}

/** A backup of this clinic by its id; another clinic's backup is simply not found. */
export function findClinicBackup(root: string, clinicId: string, id: string): ClinicBackup {
  const wanted = parseBackupId(id);
  const found = wanted && clinicBackups(root, clinicId).find((b) => b.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'That backup does not exist.', { backupId: 'Choose a backup from the list.' });
  return found;
}
