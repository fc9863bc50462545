import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

const refuse = (message: string) => sql.raw(`select raise(abort, '${message}')`);
const METHODS = sql.raw(`('cash', 'card', 'transfer', 'insurance', 'other')`);

/**
 * Payments and their refunds. Both are financial records: the database refuses to delete them
 * or to change an amount, and refuses a refund that would take the refunds of a payment past
 * what was paid, whoever writes.
 */
export const payments: Migration = {
  name: '0090-payments',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
      // null only for a walk-in sale paid at the counter
      .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
      .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
      .addColumn('sale_id', 'text', (c) => c.references('sales.id'))
      .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ${METHODS}`))
      .addColumn('reference', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('received_by', 'text')
      .addColumn('received_by_name', 'text')
      .addCheckConstraint('payments_for_someone', sql`patient_id is not null or sale_id is not null`)
      .execute();
    await db.schema.createIndex('payments_received_at').on('payments').columns(['received_at', 'id']).execute();
    await db.schema.createIndex('payments_patient').on('payments').columns(['patient_id', 'received_at']).execute();
    await db.schema.createIndex('payments_appointment').on('payments').column('appointment_id').execute();
    await db.schema.createIndex('payments_sale').on('payments').column('sale_id').execute();
    await sql`create trigger payments_no_delete before delete on payments begin ${refuse('payments are refunded, not deleted')}; end`.execute(db);
    await sql`create trigger payments_amounts_fixed before update of receipt_number, amount_minor, currency, method, received_at, sale_id on payments
      begin ${refuse('a payment cannot be changed once taken')}; end`.execute(db);

    await db.schema
      .createTable('refunds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('refund_number', 'text', (c) => c.notNull().unique())
      .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
      .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ${METHODS}`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('refunded_at', 'text', (c) => c.notNull())
      .addColumn('refunded_by', 'text')
      .addColumn('refunded_by_name', 'text')
      .execute();
    await db.schema.createIndex('refunds_payment').on('refunds').columns(['payment_id']).execute();
    await db.schema.createIndex('refunds_refunded_at').on('refunds').columns(['refunded_at', 'id']).execute();
    await sql`create trigger refunds_within_payment before insert on refunds
      when (select coalesce(sum(amount_minor), 0) from refunds where payment_id = new.payment_id) + new.amount_minor
        > (select amount_minor from payments where id = new.payment_id)
      begin ${refuse('refunds cannot exceed the payment')}; end`.execute(db);
    await sql`create trigger refunds_no_delete before delete on refunds begin ${refuse('refunds cannot be removed')}; end`.execute(db);
    await sql`create trigger refunds_amounts_fixed before update of refund_number, payment_id, amount_minor, method, refunded_at on refunds
      begin ${refuse('a refund cannot be changed once made')}; end`.execute(db);
  },
};
