import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/** Identity stamp and the clinic's reference data. No clinic id columns: the file is the boundary. */
export const init: Migration = {
  name: '0010-init',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('clinic_identity')
      .addColumn('singleton', 'integer', (c) => c.primaryKey().check(sql`singleton = 1`))
      .addColumn('clinic_id', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('stamped_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('regions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();

    await db.schema
      .createTable('hospitals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_id', 'text', (c) => c.references('regions.id'))
      .addColumn('address', 'text')
      .addColumn('phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('hospitals_region').on('hospitals').column('region_id').execute();

    await db.schema
      .createTable('doctors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('specialty', 'text')
      .addColumn('licence_number', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('hospital_id', 'text', (c) => c.references('hospitals.id'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      // JSON {sun..sat: [{start: 'HH:mm', end: 'HH:mm'}]}, wall-clock time in the clinic's time zone
      .addColumn('working_hours', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('default_appointment_minutes', 'integer', (c) => c.notNull().defaultTo(15))
      // the master user who is this doctor; users live in the master database, so no foreign key
      .addColumn('user_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('doctors_hospital').on('doctors').column('hospital_id').execute();
    await db.schema
      .createIndex('doctors_user')
      .unique()
      .on('doctors')
      .column('user_id')
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('doctors_licence')
      .unique()
      .on('doctors')
      .column('licence_number')
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  },
};
