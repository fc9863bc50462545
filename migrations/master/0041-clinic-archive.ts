import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * Archived clinics: where each one's file went and until when it can be brought back, plus a
 * history of every archiving step. The history has no foreign key, so it outlives the purge.
 */
export const clinicArchive: Migration = {
  name: '0041-clinic-archive',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('clinic_archives')
      .addColumn('clinic_id', 'text', (c) => c.primaryKey().references('clinics.id').onDelete('cascade'))
      // the step in progress; a crash mid-step is finished at the next start
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('archiving', 'archived', 'unarchiving', 'purging')`))
      .addColumn('previous_status', 'text', (c) => c.notNull().check(sql`previous_status in ('active', 'suspended')`))
      // a name inside the archive folder, never a path
      .addColumn('file_name', 'text', (c) => c.notNull().unique())
      .addColumn('archived_at', 'text', (c) => c.notNull())
      .addColumn('purge_after', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('archive_events')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('clinic_id', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) =>
        c.notNull().check(sql`event in ('archiving', 'archived', 'unarchiving', 'unarchived', 'purging', 'purged')`),
      )
      .addColumn('at', 'text', (c) => c.notNull())
      // null: the command line or the app's own start-up
      .addColumn('user_id', 'text')
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('archive_events_clinic').on('archive_events').columns(['clinic_id', 'at']).execute();
  },
};
