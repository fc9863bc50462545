import { existsSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '../clock';
import type { Core } from '../core';
import { AppError } from '../errors';
import { fsyncDirectory } from '../fs-sync';
import { backupStamp } from '../backup/backup-paths';
import { findClinic } from '../backup/clinic-record';
import { moveDatabaseFiles } from '../backup/file-io';
import { takeOutOfService } from '../backup/out-of-service';
import { readSchedule } from '../backup/schedule';
import { dbNameForSlug, tenantDbPath } from '../tenancy/slug';
import { recordArchiveStep } from './archive-events';
import { archiveMaster, type ClinicArchiveRow } from './schema';

interface ArchivedClinic {
  clinicId: string;
  slug: string;
  name: string;
  archivedAt: string;
  /** After this the clinic is purged and can no longer be brought back. */
  purgeAfter: string;
}

async function archiveRow(core: Core, clinicId: string): Promise<ClinicArchiveRow | undefined> {
  return archiveMaster(core.master).selectFrom('clinic_archives').selectAll().where('clinic_id', '=', clinicId).executeTakeFirst();
}

/**
 * Archiving, first step: the clinic is archived in master (so nobody can sign in to it or
 * switch to it any more) and the move of its file is recorded as due. Returns at once; the
 * move itself is completeArchive, which waits until the clinic's database is no longer in use.
 */
export async function beginArchive(core: Core, clinicId: string, userId: string | null): Promise<ArchivedClinic> {
  const clinic = await findClinic(core, { id: clinicId });
  if (clinic.status === 'archived') throw new AppError('CONFLICT', 'That clinic is already archived.');
  const { archiveRetentionDays } = await readSchedule(core);
  const now = core.clock();
  const row: ClinicArchiveRow = {
    clinic_id: clinic.id,
    state: 'archiving',
    previous_status: clinic.status,
    file_name: `${dbNameForSlug(clinic.slug)}--${backupStamp(now)}.sqlite3`,
    archived_at: now.toISOString(),
    purge_after: addDays(now, archiveRetentionDays).toISOString(),
  };
  await core.master.transaction().execute(async (trx) => {
    await trx.updateTable('clinics').set({ status: 'archived' }).where('id', '=', clinic.id).execute();
    await archiveMaster(trx).insertInto('clinic_archives').values(row).execute();
    await recordArchiveStep(trx, { clinicId: clinic.id, slug: clinic.slug, event: 'archiving', at: now, userId, details: { file: row.file_name } });
  });
  return { clinicId: clinic.id, slug: clinic.slug, name: clinic.name, archivedAt: row.archived_at, purgeAfter: row.purge_after };
}

/**
 * Archiving, second step: the database is closed, checked to be used by no other process and
 * moved, with its log, into archive/ under a name carrying the date. Safe to repeat after a
 * crash: a file already moved is not moved again.
 */
export async function completeArchive(core: Core, clinicId: string): Promise<void> {
  const row = await archiveRow(core, clinicId);
  if (row?.state !== 'archiving') return;
  const clinic = await findClinic(core, { id: clinicId });
  const live = tenantDbPath(core.layout.tenantsDir, clinic.slug);
  const archived = path.join(core.layout.archiveDir, row.file_name);
  const fileMissing = !existsSync(live) && !existsSync(archived);
  if (existsSync(live) && !existsSync(archived)) await takeOutOfService(core, clinic.id, live, archived);
  await core.master.transaction().execute(async (trx) => {
    await archiveMaster(trx).updateTable('clinic_archives').set({ state: 'archived' }).where('clinic_id', '=', clinic.id).execute();
    await recordArchiveStep(trx, {
      clinicId: clinic.id,
      slug: clinic.slug,
      event: 'archived',
      at: core.clock(),
      userId: null,
      details: fileMissing ? { fileMissing: true } : { file: row.file_name },
    });
  });
}

/** Archives a clinic end to end (the command line's `archive`). */
export async function archiveClinic(core: Core, clinicId: string, userId: string | null): Promise<ArchivedClinic> {
  const archived = await beginArchive(core, clinicId, userId);
  await completeArchive(core, clinicId);
  return archived;
}

/** Brings an archived clinic back while its retention period lasts: file back in place, status as before. */
export async function unarchiveClinic(core: Core, clinicId: string, userId: string | null): Promise<void> {
  const clinic = await findClinic(core, { id: clinicId });
  const row = await archiveRow(core, clinic.id);
  if (!row || clinic.status !== 'archived') throw new AppError('CONFLICT', 'That clinic is not archived.');
  if (row.state === 'purging') throw new AppError('CONFLICT', 'That clinic is being purged.');
  if (row.state === 'archived' && Date.parse(row.purge_after) <= core.clock().getTime()) {
    throw new AppError('CONFLICT', "The clinic's retention period has ended; it can no longer be brought back.");
  }
  if (row.state === 'archiving') await completeArchive(core, clinic.id);
  if (row.state !== 'unarchiving') {
    await core.master.transaction().execute(async (trx) => {
      await archiveMaster(trx).updateTable('clinic_archives').set({ state: 'unarchiving' }).where('clinic_id', '=', clinic.id).execute();
      await recordArchiveStep(trx, { clinicId: clinic.id, slug: clinic.slug, event: 'unarchiving', at: core.clock(), userId });
    });
  }
  await completeUnarchive(core, clinic.id, userId);
}

/** Moves the file back and restores the clinic's status; safe to repeat after a crash. */
export async function completeUnarchive(core: Core, clinicId: string, userId: string | null): Promise<void> {
  const row = await archiveRow(core, clinicId);
  if (row?.state !== 'unarchiving') return;
  const clinic = await findClinic(core, { id: clinicId });
  const live = tenantDbPath(core.layout.tenantsDir, clinic.slug);
  const archived = path.join(core.layout.archiveDir, row.file_name);
  if (existsSync(archived)) {
    if (existsSync(live)) throw new AppError('CONFLICT', "A database file is already in the clinic's place; move it away first.");
    moveDatabaseFiles(archived, live);
    fsyncDirectory(live);
    fsyncDirectory(archived);
  }
  await core.master.transaction().execute(async (trx) => {
    await trx.updateTable('clinics').set({ status: row.previous_status }).where('id', '=', clinic.id).execute();
    await archiveMaster(trx).deleteFrom('clinic_archives').where('clinic_id', '=', clinic.id).execute();
    await recordArchiveStep(trx, { clinicId: clinic.id, slug: clinic.slug, event: 'unarchived', at: core.clock(), userId });
  });
}

/** Archived clinics, soonest purge first; limited to the given clinics when a list is passed. */
export async function listArchivedClinics(core: Core, onlyIds?: readonly string[]): Promise<ArchivedClinic[]> {
  if (onlyIds && !onlyIds.length) return [];
  let query = archiveMaster(core.master)
    .selectFrom('clinic_archives as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .select(['c.id', 'c.slug', 'c.name', 'a.archived_at', 'a.purge_after'])
    .where('a.state', 'in', ['archiving', 'archived'])
    .orderBy('a.purge_after');
  if (onlyIds) query = query.where('c.id', 'in', onlyIds);
  const rows = await query.execute();
  return rows.map((r) => ({ clinicId: r.id, slug: r.slug, name: r.name, archivedAt: r.archived_at, purgeAfter: r.purge_after }));
}
