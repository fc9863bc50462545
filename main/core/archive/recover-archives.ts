import type { Core } from '../core';
import { completeArchive, completeUnarchive } from './archive-clinic';
import { purgeExpiredArchives } from './purge-archived';
import { archiveMaster } from './schema';

/**
 * Finishes archive steps a crash (or a busy file) left half done, then purges what has expired.
 * Run at start and by the scheduler; a clinic whose file is still in use elsewhere is tried
 * again next time.
 */
export async function recoverArchives(core: Core): Promise<{ unfinished: string[]; purged: string[] }> {
  const pending = await archiveMaster(core.master)
    .selectFrom('clinic_archives')
    .select(['clinic_id', 'state'])
    .where('state', 'in', ['archiving', 'unarchiving'])
    .execute();
  const unfinished: string[] = [];
  for (const row of pending) {
    try {
      if (row.state === 'archiving') await completeArchive(core, row.clinic_id);
      else await completeUnarchive(core, row.clinic_id, null);
    } catch {
      // the step stays recorded as in progress (and the clinic archived) until a later try succeeds
      unfinished.push(row.clinic_id);
    }
  }
  return { unfinished, purged: await purgeExpiredArchives(core) };
}
