import type { Kysely } from 'kysely';
import type { MasterDB } from '../master/schema';
import { archiveMaster, type ArchiveEvent } from './schema';

interface ArchiveStepRecord {
  clinicId: string;
  slug: string;
  event: ArchiveEvent;
  at: Date;
  userId: string | null;
  details?: Record<string, unknown>;
}

/** One line of a clinic's archive history; written in the same transaction as the step it records. */
export async function recordArchiveStep(db: Kysely<MasterDB>, step: ArchiveStepRecord): Promise<void> {
  await archiveMaster(db)
    .insertInto('archive_events')
    .values({
      clinic_id: step.clinicId,
      slug: step.slug,
      event: step.event,
      at: step.at.toISOString(),
      user_id: step.userId,
      details: step.details ? JSON.stringify(step.details) : null,
    })
    .execute();
}
