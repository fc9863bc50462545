import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * Per-clinic access controls: a membership can be disabled without touching the user's other
 * clinics, each clinic sets its own automatic sign-out, and sign-in returns people to the
 * clinic they last worked in.
 */
export const accessControls: Migration = {
  name: '0030-access-controls',
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('memberships')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`))
      .execute();
    await db.schema
      .alterTable('clinics')
      .addColumn('idle_timeout_minutes', 'integer', (c) => c.notNull().defaultTo(15).check(sql`idle_timeout_minutes between 1 and 240`))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('last_clinic_id', 'text', (c) => c.references('clinics.id').onDelete('set null'))
      .execute();
  },
};
