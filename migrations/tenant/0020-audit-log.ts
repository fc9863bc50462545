import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/** The clinic's audit trail. The database itself refuses to change or remove an entry. */
export const auditLog: Migration = {
  name: '0020-audit-log',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('user_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      // JSON {field: [old, new]} for updates
      .addColumn('changes', 'text')
      // JSON with anything else worth keeping (never secrets)
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'at']).execute();
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
  },
};
