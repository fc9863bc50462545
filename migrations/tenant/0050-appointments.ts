import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * Appointments and their status history. Start and end are UTC instants in one fixed ISO format
 * (toISOString), so text comparison is time order and the overlap check can use the index.
 */
export const appointments: Migration = {
  name: '0050-appointments',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('appointments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('doctor_id', 'text', (c) => c.notNull().references('doctors.id'))
      .addColumn('start_at', 'text', (c) => c.notNull())
      .addColumn('end_at', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes > 0`))
      .addColumn('reason', 'text')
      .addColumn('fee_minor', 'integer', (c) => c.notNull().defaultTo(0).check(sql`fee_minor >= 0`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('scheduled', 'arrived', 'in_progress', 'completed', 'cancelled', 'no_show')`),
      )
      .addColumn('cancelled_by', 'text', (c) => c.check(sql`cancelled_by in ('patient', 'clinic')`))
      .addColumn('cancel_reason', 'text')
      .addColumn('late_cancellation', 'integer')
      .addColumn('visit_notes', 'text')
      .addColumn('notes_updated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addCheckConstraint('appointments_end_after_start', sql`end_at > start_at`)
      .addCheckConstraint('appointments_cancel_fields', sql`(status = 'cancelled') = (cancelled_by is not null)`)
      .execute();
    await db.schema.createIndex('appointments_doctor_start').on('appointments').columns(['doctor_id', 'start_at']).execute();
    await db.schema.createIndex('appointments_patient_start').on('appointments').columns(['patient_id', 'start_at']).execute();
    await db.schema.createIndex('appointments_start').on('appointments').column('start_at').execute();

    await db.schema
      .createTable('appointment_status_history')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('user_name', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema
      .createIndex('appointment_status_history_appointment')
      .on('appointment_status_history')
      .columns(['appointment_id', 'id'])
      .execute();
  },
};
