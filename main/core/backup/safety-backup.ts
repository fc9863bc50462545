import { existsSync } from 'node:fs';
import { isSqliteError } from '../admin/sqlite-error';
import type { Core } from '../core';
import { backupStamp, clinicBackupFiles, clinicSetDir, ensurePrivateDir } from './backup-paths';
import type { ClinicRecord } from './clinic-record';
import { copyFileHashed } from './file-io';
import { FileRefusedError } from './refusal';
import { backupClinicFile } from './take-backup';

export interface SafetyBackup {
  /** The verified backup of the database that was replaced, listed with the clinic's backups. */
  backupId: string | null;
  /**
   * The replaced database could not be read (which is often why it is being replaced): its file
   * was kept, byte for byte, in the clinic's backups folder instead, unverified and unlisted.
   */
  keptDamagedCopy: boolean;
}

async function keepDamagedCopy(core: Core, clinic: ClinicRecord, file: string): Promise<void> {
  const root = ensurePrivateDir(core.layout.backupsDir);
  ensurePrivateDir(clinicSetDir(root, clinic.slug));
  const base = clinicBackupFiles(root, clinic.slug, backupStamp(core.clock())).damaged;
  await copyFileHashed(file, base);
  if (existsSync(`${file}-wal`)) await copyFileHashed(`${file}-wal`, `${base}-wal`);
}

/** A backup of the database about to be replaced, taken from the file set aside for the swap. */
export async function takeSafetyBackup(core: Core, clinic: ClinicRecord, file: string): Promise<SafetyBackup> {
  try {
    const backup = await backupClinicFile(core, clinic, file, { trigger: 'safety' });
    return { backupId: backup.id, keptDamagedCopy: false };
  } catch (err) {
    if (!(err instanceof FileRefusedError) && !isSqliteError(err)) throw err;
    await keepDamagedCopy(core, clinic, file);
    return { backupId: null, keptDamagedCopy: true };
  }
}
