import { z } from 'zod';
import { channel } from '../define';
import { localDateSchema, moneyMinorSchema } from './appointments';
import { byIdInput, idSchema, listInput, optionalText, requiredText, type Page } from './common';

export const PAYMENT_METHODS = ['cash', 'card', 'transfer', 'insurance', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Who did it, as they were named when they did it. */
export interface StaffRef {
  userId: string | null;
  name: string | null;
}

export interface Refund {
  id: string;
  /** Human number from the clinic's own refund sequence, such as RF-000012. */
  refundNumber: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  reason: string;
  refundedAt: string;
  /** refundedAt as wall-clock time with offset in the clinic's zone. */
  localRefundedAt: string;
  refundedBy: StaffRef;
}

export interface Payment {
  id: string;
  /** Human number from the clinic's own receipt sequence, such as R-000042. */
  receiptNumber: string;
  /** Null only for a walk-in sale paid at the counter. */
  patientId: string | null;
  patientName: string | null;
  patientMrn: string | null;
  appointmentId: string | null;
  saleId: string | null;
  saleNumber: string | null;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  reference: string | null;
  receivedAt: string;
  localReceivedAt: string;
  receivedBy: StaffRef;
  refundedMinor: number;
  /** What may still be refunded: amount − refunds so far. */
  refundableMinor: number;
}

/** What a printed receipt shows. */
export interface Receipt extends Payment {
  clinicName: string;
  timezone: string;
  appointment: { id: string; start: string; localStart: string; doctorName: string | null } | null;
  refunds: Refund[];
}

/**
 * What the patient owes (positive) or has in credit (negative), all in minor units:
 * charges (completed appointments' fees and non-void sales) − payments + refunds.
 */
export interface PatientBalance {
  patientId: string;
  currency: string;
  appointmentChargesMinor: number;
  saleChargesMinor: number;
  chargesMinor: number;
  paymentsMinor: number;
  refundsMinor: number;
  balanceMinor: number;
}

const positiveMoneySchema = moneyMinorSchema.min(1, 'Must be more than zero.');
export const paymentMethodSchema = z.enum(PAYMENT_METHODS, { error: 'Choose cash, card, transfer, insurance or other.' });
export const paymentReferenceSchema = optionalText(120);

/**
 * A clinic calendar date for finding money records: within years a clinic can have records of,
 * so that a day's bounds in the clinic's zone always exist.
 */

/** A from/to pair of clinic calendar dates, both included; refuses a `to` before `from`. */
export function dateRangeCheck(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', message: 'Use a date on or after the start.', path: ['to'] });
}

const nullableId = idSchema.nullish().transform((v) => v ?? null);

export const paymentsChannels = {
  'payments:create': channel<Receipt>()(
    z.strictObject({
      patientId: idSchema,
      /** The visit this pays for; it must be this patient's. */
      appointmentId: nullableId,
      /** The sale this pays for; it must be this patient's and not void. */
      saleId: nullableId,
      amountMinor: positiveMoneySchema,
      method: paymentMethodSchema,
      reference: paymentReferenceSchema,
    }),
  ),
  'payments:list': channel<Page<Payment>>()(
    listInput(['receivedAt', 'amount', 'receiptNumber'], {
      patientId: idSchema.optional(),
      /** Clinic calendar dates, both included. */
      from: localDateSchema.optional(),
      to: localDateSchema.optional(),
      method: paymentMethodSchema.optional(),
    }).superRefine(dateRangeCheck),
  ),
  'payments:get': channel<Receipt>()(byIdInput),
  'payments:refund': channel<Receipt>()(
    z.strictObject({
      paymentId: idSchema,
      amountMinor: positiveMoneySchema,
      reason: requiredText(500),
      /** How the money goes back; the payment's own method when left out. */
      method: paymentMethodSchema.optional(),
    }),
  ),
  'payments:balance': channel<PatientBalance>()(z.strictObject({ patientId: idSchema })),
};
