import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { fsyncDirectory } from '../fs-sync';
import { clinicSetDir } from '../backup/backup-paths';
import { removeDatabaseFile } from '../tenancy/provisioning-files';
import { recordArchiveStep } from './archive-events';
import { archiveMaster } from './schema';

/**
 * Removes one clinic for good: its archived file, its own backups folder, then its master
 * rows (memberships and subscription go with it). The archive history stays. Safe to repeat.
 */
async function completePurge(core: Core, clinicId: string): Promise<void> {
  const row = await archiveMaster(core.master)
    .selectFrom('clinic_archives as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .select(['c.id', 'c.slug', 'a.file_name', 'a.state'])
    .where('a.clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (row?.state !== 'purging') return;
  const file = path.join(core.layout.archiveDir, row.file_name);
  removeDatabaseFile(file);
  fsyncDirectory(file);
  rmSync(clinicSetDir(core.layout.backupsDir, row.slug), { recursive: true, force: true });
  await core.master.transaction().execute(async (trx) => {
    await recordArchiveStep(trx, { clinicId: row.id, slug: row.slug, event: 'purged', at: core.clock(), userId: null });
    await trx.deleteFrom('clinics').where('id', '=', row.id).execute();
  });
}

/**
 * Purges every archived clinic whose retention period has ended (the command `purge-archived`,
 * also run at start and by the scheduler). Each clinic is marked first, so a crash midway is
 * finished at the next start rather than leaving half a clinic.
 */
export async function purgeExpiredArchives(core: Core): Promise<string[]> {
  const now = core.clock();
  const due = await archiveMaster(core.master)
    .selectFrom('clinic_archives as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .select(['c.id', 'c.slug', 'a.state'])
    .where((eb) => eb.or([eb('a.state', '=', 'purging'), eb.and([eb('a.state', '=', 'archived'), eb('a.purge_after', '<=', now.toISOString())])]))
    .orderBy('c.slug')
    .execute();
  const purged: string[] = [];
  for (const clinic of due) {
    if (clinic.state === 'archived') {
      await core.master.transaction().execute(async (trx) => {
        await archiveMaster(trx).updateTable('clinic_archives').set({ state: 'purging' }).where('clinic_id', '=', clinic.id).execute();
        await recordArchiveStep(trx, { clinicId: clinic.id, slug: clinic.slug, event: 'purging', at: now, userId: null });
      });
    }
    await completePurge(core, clinic.id);
    purged.push(clinic.slug);
  }
  return purged;
}
