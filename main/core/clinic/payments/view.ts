import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Page } from '../../../../preload/contract/channels/common';
import type { Payment, Receipt, Refund } from '../../../../preload/contract/channels/payments';
import type { ClinicContext, ClinicHandlerContext } from '../../api/handler';
import { shapeFamily } from '../../db/query-shape';
import { AppError } from '../../errors';
import { toLocalIso } from '../appointments/clinic-time';
import { pageShape } from '../reference/list-query';
import { instantRange } from '../reports/clinic-days';
import type { TenantDB } from '../schema';
import type { RefundRow } from './schema';

type Clinic = Pick<ClinicContext, 'timezone'>;

/** Payments with the patient's name and MRN, the sale's number and what was refunded so far. */
const paymentsJoined = (db: Kysely<TenantDB>) =>
  db
    .selectFrom('payments as pay')
    .leftJoin('patients as p', 'p.id', 'pay.patient_id')
    .leftJoin('sales as s', 's.id', 'pay.sale_id')
    .selectAll('pay')
    .select(['p.first_name as patient_first_name', 'p.last_name as patient_last_name', 'p.mrn as patient_mrn', 's.sale_number'])
    .select(sql<number>`coalesce((select sum(r.amount_minor) from refunds r where r.payment_id = pay.id), 0)`.as('refunded_minor'));

type PaymentJoined = Awaited<ReturnType<ReturnType<typeof paymentsJoined>['executeTakeFirstOrThrow']>>;

function toPayment(r: PaymentJoined, clinic: Clinic): Payment {
  const name = `${r.patient_first_name ?? ''} ${r.patient_last_name ?? ''}`.trim();
  return {
    id: r.id,
    receiptNumber: r.receipt_number,
    patientId: r.patient_id,
    // an erased patient keeps their payments, without a name
    patientName: name || null,
    patientMrn: r.patient_mrn,
    appointmentId: r.appointment_id,
    saleId: r.sale_id,
    saleNumber: r.sale_number,
    amountMinor: r.amount_minor,
    currency: r.currency,
    method: r.method,
    reference: r.reference,
    receivedAt: r.received_at,
    localReceivedAt: toLocalIso(Date.parse(r.received_at), clinic.timezone),
    receivedBy: { userId: r.received_by, name: r.received_by_name },
    refundedMinor: r.refunded_minor,
    refundableMinor: r.amount_minor - r.refunded_minor,
  };
}

const toRefund = (r: RefundRow, currency: string, clinic: Clinic): Refund => ({
  id: r.id,
  refundNumber: r.refund_number,
  paymentId: r.payment_id,
  amountMinor: r.amount_minor,
  currency,
  method: r.method,
  reason: r.reason,
  refundedAt: r.refunded_at,
  localRefundedAt: toLocalIso(Date.parse(r.refunded_at), clinic.timezone),
  refundedBy: { userId: r.refunded_by, name: r.refunded_by_name },
});

export const paymentNotFound = (): AppError => new AppError('NOT_FOUND', 'That payment was not found.');

export async function getReceipt(ctx: ClinicHandlerContext, id: string): Promise<Receipt> {
  const db = ctx.clinic.tenant.db;
  const row = await paymentsJoined(db).where('pay.id', '=', id).executeTakeFirst();
  if (!row) throw paymentNotFound();
  const refunds = await db.selectFrom('refunds').selectAll().where('payment_id', '=', id).orderBy('refunded_at').orderBy('refund_number').execute();
  const appointment = row.appointment_id
    ? await db
        .selectFrom('appointments as a')
        .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
        .select(['a.id', 'a.start_at', 'd.full_name'])
        .where('a.id', '=', row.appointment_id)
        .executeTakeFirst()
    : undefined;
  return {
    ...toPayment(row, ctx.clinic),
    clinicName: ctx.clinic.name,
    timezone: ctx.clinic.timezone,
    appointment: appointment
      ? {
          id: appointment.id,
          start: appointment.start_at,
          localStart: toLocalIso(Date.parse(appointment.start_at), ctx.clinic.timezone),
          doctorName: appointment.full_name,
        }
      : null,
    refunds: refunds.map((r) => toRefund(r, row.currency, ctx.clinic)),
  };
}

const SORT = { receivedAt: 'pay.received_at', amount: 'pay.amount_minor', receiptNumber: 'pay.receipt_number' } as const;

type ListInput = ParsedInput<'payments:list'>;
type ListSlots = 'start' | 'end' | 'patientId' | 'method';

/** Which filters a list asks for decides its query's shape; a patient's record asks for the same one every time. */
const listShape = shapeFamily((form: { start: boolean; end: boolean; patient: boolean; method: boolean; sort: ListInput['sort']; order: ListInput['order'] }) =>
  pageShape((db: Kysely<TenantDB>, slot: (name: ListSlots) => never) => {
    let query = paymentsJoined(db);
    if (form.start) query = query.where('pay.received_at', '>=', slot('start'));
    if (form.end) query = query.where('pay.received_at', '<', slot('end'));
    if (form.patient) query = query.where('pay.patient_id', '=', slot('patientId'));
    if (form.method) query = query.where('pay.method', '=', slot('method'));
    // numbers grow past six digits: a longer number is a later one
    if (form.sort === 'receiptNumber') query = query.orderBy(sql`length(pay.receipt_number)`, form.order);
    return query.orderBy(SORT[form.sort], form.order).orderBy(sql`length(pay.receipt_number)`, form.order).orderBy('pay.receipt_number', form.order);
  }),
);

export async function listPayments(ctx: ClinicHandlerContext, input: ListInput): Promise<Page<Payment>> {
  const { start, end } = instantRange(ctx.clinic.timezone, input.from, input.to);
  const shape = listShape({ start: Boolean(start), end: Boolean(end), patient: Boolean(input.patientId), method: Boolean(input.method), sort: input.sort, order: input.order });
  const page = await shape.fetch(ctx.clinic.tenant.db, { start, end, patientId: input.patientId, method: input.method }, input);
  return { ...page, items: page.items.map((r) => toPayment(r, ctx.clinic)) };
}

/** The payments made through one sale, oldest first. */
export async function paymentsOfSale(db: Kysely<TenantDB>, saleId: string, clinic: Clinic): Promise<Payment[]> {
  const rows = await paymentsJoined(db).where('pay.sale_id', '=', saleId).orderBy('pay.receipt_number').execute();
  return rows.map((r) => toPayment(r, clinic));
}
