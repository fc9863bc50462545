import { sql } from 'kysely';
import type { PatientBalance } from '../../../../preload/contract/channels/payments';
import type { ClinicHandlerContext } from '../../api/handler';
import { loadPatient } from '../patients/records';

/**
 * A patient's account, summed by the database in one statement:
 * charges (completed appointments' fees + sales not voided) − payments + refunds.
 */
export async function patientBalance(ctx: ClinicHandlerContext, patientId: string): Promise<PatientBalance> {
  const db = ctx.clinic.tenant.db;
  await loadPatient(db, patientId);
  const sums = await sql<{ appointments: number; sales: number; payments: number; refunds: number }>`
    select
      (select coalesce(sum(fee_minor), 0) from appointments where patient_id = ${patientId} and status = 'completed' and deleted_at is null) as appointments,
      (select coalesce(sum(total_minor), 0) from sales where patient_id = ${patientId} and status = 'completed') as sales,
      (select coalesce(sum(amount_minor), 0) from payments where patient_id = ${patientId}) as payments,
      (select coalesce(sum(r.amount_minor), 0) from refunds r join payments p on p.id = r.payment_id where p.patient_id = ${patientId}) as refunds
  `.execute(db);
  const s = sums.rows[0]!;
  const charges = s.appointments + s.sales;
  return {
    patientId,
    currency: ctx.clinic.currency,
    appointmentChargesMinor: s.appointments,
    saleChargesMinor: s.sales,
    chargesMinor: charges,
    paymentsMinor: s.payments,
    refundsMinor: s.refunds,
    balanceMinor: charges - s.payments + s.refunds,
  };
}
