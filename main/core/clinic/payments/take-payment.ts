import type { ParsedInput } from '../../../../preload/contract';
import type { Receipt } from '../../../../preload/contract/channels/payments';
import type { ClinicHandlerContext } from '../../api/handler';
import { validationError } from '../../errors';
import { loadActivePatient } from '../patients/records';
import { clinicWrite } from '../clinic-write';
import { recordPayment, recordRefund } from './record';
import { getReceipt, paymentNotFound } from './view';

/**
 * A payment from a patient, optionally for one of their appointments or sales. Every link is
 * checked inside the write transaction, so a visit or sale cannot change hands in between.
 */
export async function takePayment(ctx: ClinicHandlerContext, input: ParsedInput<'payments:create'>): Promise<Receipt> {
  const id = await clinicWrite(ctx, async (w) => {
    await loadActivePatient(w.trx, input.patientId);
    if (input.appointmentId) {
      const appointment = await w.trx
        .selectFrom('appointments')
        .select('patient_id')
        .where('id', '=', input.appointmentId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (appointment?.patient_id !== input.patientId) {
        throw validationError('Some fields need attention.', { appointmentId: "Choose one of this patient's appointments." });
      }
    }
    if (input.saleId) {
      const sale = await w.trx.selectFrom('sales').select(['patient_id', 'status']).where('id', '=', input.saleId).executeTakeFirst();
      if (sale?.patient_id !== input.patientId) throw validationError('Some fields need attention.', { saleId: "Choose one of this patient's sales." });
      if (sale.status === 'void') throw validationError('Some fields need attention.', { saleId: 'That sale was voided.' });
    }
    return recordPayment(w, { ...input, currency: ctx.clinic.currency });
  });
  return getReceipt(ctx, id);
}

export async function refundPayment(ctx: ClinicHandlerContext, input: ParsedInput<'payments:refund'>): Promise<Receipt> {
  await clinicWrite(ctx, async (w) => {
    const payment = await w.trx.selectFrom('payments').selectAll().where('id', '=', input.paymentId).executeTakeFirst();
    if (!payment) throw paymentNotFound();
    await recordRefund(w, payment, { amountMinor: input.amountMinor, method: input.method ?? payment.method, reason: input.reason });
  });
  return getReceipt(ctx, input.paymentId);
}
