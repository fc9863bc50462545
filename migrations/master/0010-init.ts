import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

export const init: Migration = {
  name: '0010-init',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('clinics')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('db_name', 'text', (c) => c.notNull().unique())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'suspended', 'archived')`))
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('provisioning_state', 'text', (c) =>
        c.notNull().defaultTo('provisioning').check(sql`provisioning_state in ('provisioning', 'ready')`),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('clinics_provisioning').on('clinics').column('provisioning_state').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      // lower-cased copy: SQLite's NOCASE folds ASCII only, and the same rule must hold on PostgreSQL
      .addColumn('email_key', 'text', (c) => c.notNull().unique())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('failed_signins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('memberships')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'manager', 'front_desk', 'doctor', 'viewer')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'clinic_id'])
      .execute();
    await db.schema.createIndex('memberships_clinic').on('memberships').column('clinic_id').execute();

    await db.schema
      .createTable('plans')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('monthly_price_minor', 'integer', (c) => c.notNull().check(sql`monthly_price_minor >= 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      // null: no limit
      .addColumn('max_users', 'integer')
      .addColumn('max_doctors', 'integer')
      .addColumn('max_patients', 'integer')
      .addColumn('max_db_mb', 'integer')
      .addColumn('trial_days', 'integer', (c) => c.notNull().check(sql`trial_days >= 0`))
      .execute();

    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('clinic_id', 'text', (c) => c.notNull().unique().references('clinics.id').onDelete('cascade'))
      .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('trial', 'active', 'past_due', 'cancelled', 'expired')`),
      )
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('trial_ends_at', 'text')
      .addColumn('current_period_end', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
