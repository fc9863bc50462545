import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/** Reports saved by name with their parameters, to be run again (the reference design's "reports"). */
export const savedReports: Migration = {
  name: '0095-saved-reports',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('saved_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // JSON {kind, params}, checked against the report's schema again on every run
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await sql`create unique index saved_reports_name on saved_reports (name collate nocase)`.execute(db);
  },
};
