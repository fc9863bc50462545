import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * How master described the clinic when a copy of its file was made (backup or export). Filled
 * in copies only, so a file brought to another machine can be imported with its name, time zone
 * and currency; in a live file it is empty or stale, and master stays the authority.
 */
export const clinicProfile: Migration = {
  name: '0070-clinic-profile',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('clinic_profile')
      .addColumn('singleton', 'integer', (c) => c.primaryKey().check(sql`singleton = 1`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('copied_at', 'text', (c) => c.notNull())
      .execute();
  },
};
