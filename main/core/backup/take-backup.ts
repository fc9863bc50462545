import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { fsyncDirectory } from '../fs-sync';
import { dbNameForSlug } from '../tenancy/slug';
import { APP_VERSION } from './app-version';
import {
  ALL_MANIFEST,
  allSetsDir,
  clinicBackupFiles,
  clinicSetDir,
  ensurePrivateDir,
  freeStamp,
  MASTER_FILE,
  type BackupKind,
} from './backup-paths';
import { failureMessage, recordedRun } from './backup-runs';
import { assertNotArchived, findClinic, profileOf, type ClinicRecord } from './clinic-record';
import { writeManifest, type BackupFailure, type DatabaseEntry, type Manifest } from './manifest';
import { phase, type OnProgress } from './progress';
import type { BackupTrigger } from '../../../preload/contract/channels/backup';
import type { Expectation } from './inspect-file';
import { checkPagesLater, type PageCheck } from './page-check-later';
import { DatabaseWorker } from './run-database-worker';
import { snapshotDatabase, type Snapshot, type SnapshotSource } from './snapshot';

interface BackupOptions {
  /** A folder the administrator chose; the data folder's backups/ otherwise. */
  root?: string;
  trigger: BackupTrigger;
  onProgress?: OnProgress;
  /** For scheduled runs: the slot the run stands for. */
  slot?: Date;
}

interface ClinicBackupOptions extends BackupOptions {
  /**
   * When SQLite's check of every page of the copy runs: before the backup is listed ('inline',
   * the default), or just after, in the background ('background', for a person waiting on the
   * app). A copy that fails the check afterwards is taken off the list and its run marked failed.
   */
  pageCheck?: 'inline' | 'background';
}

export interface BackupResult {
  id: string;
  kind: BackupKind;
  /** The folder holding the backup (an administrator's, so never sent to the renderer). */
  dir: string;
  manifest: Manifest;
  /** Settles once every page of the copy is checked: at once unless the check runs in the background. */
  pageCheck: Promise<PageCheck>;
}

/** Where a clinic backup's database comes from: the clinic in service (held open meanwhile), or a file set aside. */
type Source = (copy: (source: SnapshotSource) => Promise<Snapshot>) => Promise<Snapshot>;

const fromPool =
  (core: Core, clinic: ClinicRecord): Source =>
  (copy) =>
    core.tenants.use({ id: clinic.id, slug: clinic.slug }, (handle) => copy({ file: handle.path, inService: true }));

/** A clinic file that is not being served (moved aside for a restore). */
const fromFile =
  (file: string): Source =>
  (copy) =>
    copy({ file, inService: false });

function entryOf(snapshot: Snapshot, file: string, clinic: ClinicRecord | null): DatabaseEntry {
  return {
    role: clinic ? 'clinic' : 'master',
    file,
    clinic: clinic ? { id: clinic.id, slug: clinic.slug, name: clinic.name } : null,
    schema: snapshot.facts.schema,
    rowCounts: snapshot.facts.rowCounts,
    bytes: snapshot.bytes,
    sha256: snapshot.sha256,
  };
}

function manifestOf(kind: BackupKind, trigger: BackupTrigger, at: Date, databases: DatabaseEntry[], failures: BackupFailure[]): Manifest {
  return { format: 'medadmin-backup', formatVersion: 1, kind, trigger, createdAt: at.toISOString(), appVersion: APP_VERSION, databases, failures };
}

const clinicExpectation = (clinic: ClinicRecord): Expectation => ({ kind: 'clinic', clinic: { id: clinic.id, slug: clinic.slug } });

interface CopyOptions {
  pageCheck: boolean;
  onProgress?: OnProgress;
  worker?: DatabaseWorker;
}

async function copyClinic(core: Core, clinic: ClinicRecord, dest: string, source: Source, options: CopyOptions): Promise<DatabaseEntry> {
  const now = core.clock();
  const snapshot = await source((from) =>
    snapshotDatabase(from, dest, { ...options, expect: clinicExpectation(clinic), profile: profileOf(clinic), label: clinic.name, now }),
  );
  return entryOf(snapshot, path.basename(dest), clinic);
}

/** Writes `backups/<slug>/<stamp>.sqlite3` and its manifest; the manifest is written last. */
async function writeClinicBackup(core: Core, clinic: ClinicRecord, source: Source, options: ClinicBackupOptions, runId: string): Promise<BackupResult> {
  const root = ensurePrivateDir(options.root ?? core.layout.backupsDir);
  const dir = ensurePrivateDir(clinicSetDir(root, clinic.slug));
  const now = core.clock();
  const stamp = freeStamp(now, (s) => Object.values(clinicBackupFiles(root, clinic.slug, s)).some((f) => existsSync(f)));
  const files = clinicBackupFiles(root, clinic.slug, stamp);
  const inline = options.pageCheck !== 'background';
  const entry = await copyClinic(core, clinic, files.db, source, { pageCheck: inline, ...(options.onProgress && { onProgress: options.onProgress }) });
  const manifest = manifestOf('clinic', options.trigger, now, [entry], []);
  try {
    await writeManifest(files.manifest, manifest);
  } catch (err) {
    rmSync(files.db, { force: true });
    throw err;
  }
  const pageCheck = inline ? Promise.resolve<PageCheck>('passed') : core.track((signal) => checkPagesLater(core, runId, files, clinicExpectation(clinic), signal));
  return { id: `clinic/${stamp}`, kind: 'clinic', dir, manifest, pageCheck };
}

function recordedClinicBackup(core: Core, clinic: ClinicRecord, source: Source, options: ClinicBackupOptions): Promise<BackupResult> {
  return recordedRun(core, { operation: 'backup', trigger: options.trigger, clinicId: clinic.id, slot: options.slot }, async (runId) => {
    const value = await writeClinicBackup(core, clinic, source, options, runId);
    return { value, end: { status: 'ok', backupId: value.id } };
  });
}

/** Backs up one clinic while it stays in use; recorded in master whether it succeeds or not. */
export async function backupClinic(core: Core, clinicId: string, options: ClinicBackupOptions): Promise<BackupResult> {
  const clinic = await findClinic(core, { id: clinicId });
  assertNotArchived(clinic);
  return recordedClinicBackup(core, clinic, fromPool(core, clinic), options);
}

/** Backs up a clinic's file that has been taken out of service (a restore's safety backup). */
export function backupClinicFile(core: Core, clinic: ClinicRecord, file: string, options: BackupOptions): Promise<BackupResult> {
  return recordedClinicBackup(core, clinic, fromFile(file), options);
}

async function copyMaster(core: Core, dest: string, worker: DatabaseWorker, onProgress?: OnProgress): Promise<DatabaseEntry> {
  const source = { file: core.layout.masterPath, inService: true };
  const snapshot = await snapshotDatabase(source, dest, { expect: { kind: 'master' }, onProgress, label: 'Master', now: core.clock(), pageCheck: true, worker });
  return entryOf(snapshot, MASTER_FILE, null);
}

/**
 * Master and every clinic that is not archived, into one folder with one manifest. A clinic
 * that cannot be copied is listed as a failure and the rest still go; the folder gets its
 * final name only once its manifest is written.
 */
async function writeEverything(core: Core, options: BackupOptions): Promise<BackupResult> {
  const root = ensurePrivateDir(options.root ?? core.layout.backupsDir);
  const sets = ensurePrivateDir(allSetsDir(root));
  const now = core.clock();
  const stamp = freeStamp(now, (s) => existsSync(path.join(sets, s)) || existsSync(path.join(sets, `${s}.partial`)));
  const work = ensurePrivateDir(path.join(sets, `${stamp}.partial`));
  // one worker copies and checks every database of the set, one after another
  const worker = new DatabaseWorker();
  try {
    const clinics: ClinicRecord[] = await core.master
      .selectFrom('clinics')
      .select(['id', 'slug', 'name', 'contact_email', 'timezone', 'currency', 'status'])
      .where('provisioning_state', '=', 'ready')
      .where('status', '!=', 'archived')
      .orderBy('slug')
      .execute();
    const total = clinics.length + 1;
    const stepProgress = (index: number): OnProgress | undefined => phase(options.onProgress, index, total);
    const databases = [await copyMaster(core, path.join(work, MASTER_FILE), worker, stepProgress(0))];
    const failures: BackupFailure[] = [];
    for (const [i, clinic] of clinics.entries()) {
      const file = path.join(work, `${dbNameForSlug(clinic.slug)}.sqlite3`);
      try {
        const onProgress = stepProgress(i + 1);
        databases.push(await copyClinic(core, clinic, file, fromPool(core, clinic), { pageCheck: true, worker, ...(onProgress && { onProgress }) }));
      } catch (err) {
        failures.push({ clinicId: clinic.id, slug: clinic.slug, message: failureMessage(err) });
      }
    }
    const manifest = manifestOf('all', options.trigger, now, databases, failures);
    await writeManifest(path.join(work, ALL_MANIFEST), manifest);
    const dir = path.join(sets, stamp);
    renameSync(work, dir);
    fsyncDirectory(dir);
    options.onProgress?.({ done: total, total });
    return { id: `all/${stamp}`, kind: 'all', dir, manifest, pageCheck: Promise.resolve<PageCheck>('passed') };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  } finally {
    await worker.close();
  }
}

export function backupEverything(core: Core, options: BackupOptions): Promise<BackupResult> {
  return recordedRun(core, { operation: 'backup', trigger: options.trigger, clinicId: null, slot: options.slot }, async () => {
    const value = await writeEverything(core, options);
    const { failures } = value.manifest;
    const message = failures.length ? `${failures.length} clinic${failures.length === 1 ? '' : 's'} could not be backed up.` : null;
    return { value, end: { status: failures.length ? 'partial' : 'ok', backupId: value.id, message, failures } };
  });
}
