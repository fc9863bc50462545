import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * The backup schedule (one row for the whole installation) and the record of every backup and
 * restore run, so that a failure stays visible to managers until a later run succeeds.
 */
export const backups: Migration = {
  name: '0040-backups',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('backup_settings')
      .addColumn('singleton', 'integer', (c) => c.primaryKey().check(sql`singleton = 1`))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`enabled in (0, 1)`))
      // wall-clock HH:MM in `timezone`, or in the machine's zone when that is null
      .addColumn('daily_at', 'text', (c) => c.notNull().defaultTo('02:00'))
      .addColumn('timezone', 'text')
      .addColumn('keep_daily', 'integer', (c) => c.notNull().defaultTo(7).check(sql`keep_daily between 1 and 365`))
      .addColumn('keep_weekly', 'integer', (c) => c.notNull().defaultTo(4).check(sql`keep_weekly between 0 and 520`))
      .addColumn('archive_retention_days', 'integer', (c) =>
        c.notNull().defaultTo(90).check(sql`archive_retention_days between 1 and 3650`),
      )
      .addColumn('updated_at', 'text')
      .execute();
    await sql`insert into backup_settings (singleton) values (1)`.execute(db);

    await db.schema
      .createTable('backup_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('operation', 'text', (c) => c.notNull().check(sql`operation in ('backup', 'restore')`))
      .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('manual', 'scheduled', 'safety')`))
      // a clinic's own backup or restore names the clinic; a backup of everything does not
      .addColumn('clinic_id', 'text')
      // for scheduled runs: the slot (UTC instant) this run stands for
      .addColumn('slot', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'ok', 'partial', 'failed')`))
      .addColumn('backup_id', 'text')
      // written for the person at the screen: no paths, no SQL, no patient data
      .addColumn('message', 'text')
      // JSON [{clinicId, slug, message}] of the clinics a backup of everything could not copy
      .addColumn('failures', 'text')
      .execute();
    await db.schema.createIndex('backup_runs_started').on('backup_runs').column('started_at').execute();
    await db.schema.createIndex('backup_runs_slot').on('backup_runs').columns(['trigger', 'slot']).execute();
  },
};
