import { z } from 'zod';
import { channel } from '../define';
import { localDateSchema, moneyMinorSchema } from './appointments';
import type { ItemKind } from './catalogue';
import { byIdInput, idSchema, listInput, optionalText, requiredText, type Page } from './common';
import { dateRangeCheck, paymentMethodSchema, paymentReferenceSchema, type Payment, type StaffRef } from './payments';

export const SALE_STATUSES = ['completed', 'void'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export type LineDiscount = { type: 'amount'; amountMinor: number } | { type: 'percent'; basisPoints: number };

/** One line as main priced it. Every amount is in minor units of the sale's currency. */
export interface SaleLine {
  lineNo: number;
  itemId: string;
  itemName: string;
  kind: ItemKind;
  quantity: number;
  /** The catalogue's price when sold. */
  listPriceMinor: number;
  unitPriceMinor: number;
  priceOverridden: boolean;
  discount: LineDiscount | null;
  /** quantity × unit price */
  grossMinor: number;
  discountMinor: number;
  /** gross − discount: what tax is charged on */
  netMinor: number;
  taxRateBp: number;
  taxMinor: number;
  /** net + tax */
  totalMinor: number;
}

export interface SaleTotals {
  currency: string;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** What a sale would come to, priced by main, for the screen to show before it is made. */
export interface SaleQuote extends SaleTotals {
  lines: SaleLine[];
}

export interface Sale extends SaleTotals {
  id: string;
  /** Human number from the clinic's own sale sequence, such as S-000007. */
  saleNumber: string;
  patientId: string | null;
  patientName: string | null;
  patientMrn: string | null;
  soldAt: string;
  localSoldAt: string;
  soldBy: StaffRef;
  status: SaleStatus;
  note: string | null;
  /** Paid through payments linked to this sale, net of their refunds. */
  paidMinor: number;
  voidedAt: string | null;
  voidedBy: StaffRef | null;
  voidReason: string | null;
}

export interface SaleDetail extends Sale {
  lines: SaleLine[];
  payments: Payment[];
}

const MAX_SALE_LINES = 200;
const MAX_QUANTITY = 100_000;

const discountSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('amount'), amountMinor: moneyMinorSchema }),
    z.strictObject({
      type: z.literal('percent'),
      basisPoints: z.number().int('Use whole basis points (1000 for 10 %).').min(0, 'Cannot be negative.').max(10_000, 'Use at most 10000 (100 %).'),
    }),
  ],
  { error: 'Choose an amount or a percentage.' },
);

/**
 * A line names an item and a quantity. Prices come from the catalogue in main; a different unit
 * price is an override that only those who set prices may make. Totals are never accepted.
 */
const lineSchema = z.strictObject({
  itemId: idSchema,
  quantity: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(MAX_QUANTITY, `Use at most ${MAX_QUANTITY}.`),
  unitPriceMinor: moneyMinorSchema.optional(),
  discount: discountSchema.optional(),
});

const linesSchema = z.array(lineSchema).min(1, 'Add at least one item.').max(MAX_SALE_LINES, `Use at most ${MAX_SALE_LINES} lines.`);

export const salesChannels = {
  'sales:preview': channel<SaleQuote>()(z.strictObject({ lines: linesSchema })),
  'sales:create': channel<SaleDetail>()(
    z.strictObject({
      patientId: idSchema.nullish().transform((v) => v ?? null),
      lines: linesSchema,
      note: optionalText(500),
      /** Paid in full at the counter: records a payment of the total, linked to the sale. */
      payment: z.strictObject({ method: paymentMethodSchema, reference: paymentReferenceSchema }).optional(),
    }),
  ),
  'sales:list': channel<Page<Sale>>()(
    listInput(['soldAt', 'total', 'saleNumber'], {
      patientId: idSchema.optional(),
      from: localDateSchema.optional(),
      to: localDateSchema.optional(),
      status: z.enum(SALE_STATUSES).optional(),
    }).superRefine(dateRangeCheck),
  ),
  'sales:get': channel<SaleDetail>()(byIdInput),
  /** Keeps the sale, puts its products back on the shelf and refunds what was paid through it. */
  'sales:void': channel<SaleDetail>()(z.strictObject({ id: idSchema, reason: requiredText(500) })),
};
