import type { PaymentMethod } from '../../../../preload/contract/channels/payments';
import { AppError } from '../../errors';
import type { ClinicWrite } from '../clinic-write';
import { formatMoney } from '../reports/money';
import { nextDocumentNumber } from '../sales/document-number';
import type { PaymentRow } from './schema';

export interface NewPayment {
  patientId: string | null;
  appointmentId: string | null;
  saleId: string | null;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  reference: string | null;
}

/**
 * Writes a payment with the clinic's next receipt number, in the caller's write transaction
 * (where its links were checked), and its audit entry. Returns the new payment's id.
 */
export async function recordPayment(w: ClinicWrite, payment: NewPayment): Promise<string> {
  const id = crypto.randomUUID();
  const receiptNumber = await nextDocumentNumber(w.trx, 'receipt');
  await w.trx
    .insertInto('payments')
    .values({
      id,
      receipt_number: receiptNumber,
      patient_id: payment.patientId,
      appointment_id: payment.appointmentId,
      sale_id: payment.saleId,
      amount_minor: payment.amountMinor,
      currency: payment.currency,
      method: payment.method,
      reference: payment.reference,
      received_at: w.now.toISOString(),
      received_by: w.actor.userId,
      received_by_name: w.actor.userName,
    })
    .execute();
  await w.audit({
    action: 'create',
    entity: 'payment',
    entityId: id,
    details: {
      receiptNumber,
      patientId: payment.patientId,
      appointmentId: payment.appointmentId,
      saleId: payment.saleId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      method: payment.method,
    },
  });
  return id;
}

/** What is left to refund of a payment, read inside the write transaction. */
export async function refundableOf(w: ClinicWrite, payment: Pick<PaymentRow, 'id' | 'amount_minor'>): Promise<number> {
  const row = await w.trx
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('refunded'))
    .where('payment_id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return payment.amount_minor - Number(row.refunded);
}

/**
 * Gives money back against a payment. The sum of a payment's refunds never passes what was
 * paid: checked here inside the write transaction (BEGIN IMMEDIATE, so two refunds at once are
 * checked one after the other) and again by a trigger in the database.
 */
export async function recordRefund(
  w: ClinicWrite,
  payment: Pick<PaymentRow, 'id' | 'amount_minor' | 'currency' | 'receipt_number'>,
  refund: { amountMinor: number; method: PaymentMethod; reason: string },
): Promise<string> {
  const refundable = await refundableOf(w, payment);
  if (refund.amountMinor > refundable) {
    const left = formatMoney(refundable, payment.currency);
    throw new AppError('CONFLICT', refundable ? `Refunds cannot exceed the payment: ${left} is left to refund.` : 'This payment was refunded in full.', {
      amountMinor: `At most ${left}.`,
    });
  }
  const id = crypto.randomUUID();
  const refundNumber = await nextDocumentNumber(w.trx, 'refund');
  await w.trx
    .insertInto('refunds')
    .values({
      id,
      refund_number: refundNumber,
      payment_id: payment.id,
      amount_minor: refund.amountMinor,
      method: refund.method,
      reason: refund.reason,
      refunded_at: w.now.toISOString(),
      refunded_by: w.actor.userId,
      refunded_by_name: w.actor.userName,
    })
    .execute();
  await w.audit({
    action: 'refund',
    entity: 'payment',
    entityId: payment.id,
    details: { refundId: id, refundNumber, receiptNumber: payment.receipt_number, amountMinor: refund.amountMinor, method: refund.method },
  });
  return id;
}
