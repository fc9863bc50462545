import type { Generated, Kysely } from 'kysely';
import type { MasterDB } from '../master/schema';

/** Row types of the archive tables (migrations/master/0041-clinic-archive). */

type ArchiveState = 'archiving' | 'archived' | 'unarchiving' | 'purging';
export type ArchiveEvent = ArchiveState | 'unarchived' | 'purged';

export interface ClinicArchiveRow {
  clinic_id: string;
  state: ArchiveState;
  previous_status: 'active' | 'suspended';
  file_name: string;
  archived_at: string;
  purge_after: string;
}

interface ArchiveEventRow {
  id: Generated<number>;
  clinic_id: string;
  slug: string;
  event: ArchiveEvent;
  at: string;
  user_id: string | null;
  details: string | null;
}

type ArchiveTables = {
  clinic_archives: ClinicArchiveRow;
  archive_events: ArchiveEventRow;
};

/** Master with the archive tables, which only this module reads and writes. */
export const archiveMaster = (master: Kysely<MasterDB>) => master.withTables<ArchiveTables>();
