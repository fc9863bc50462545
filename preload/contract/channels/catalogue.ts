import { z } from 'zod';
import { channel } from '../define';
import { moneyMinorSchema } from './appointments';
import { byIdInput, idSchema, listInput, optionalText, pageFields, requiredText, searchText, type Page } from './common';
import type { StaffRef } from './payments';

export const ITEM_KINDS = ['product', 'service'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface CatalogueItem {
  id: string;
  kind: ItemKind;
  name: string;
  code: string | null;
  /** Net price (before tax) in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  /** Tax rate in basis points: 1900 is 19 %. */
  taxRateBp: number;
  /** Units on the shelf; null for services. */
  stock: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const STOCK_REASONS = ['initial', 'adjustment', 'sale', 'void'] as const;

export interface StockMovement {
  id: number;
  itemId: string;
  delta: number;
  stockAfter: number;
  kind: (typeof STOCK_REASONS)[number];
  note: string | null;
  saleId: string | null;
  at: string;
  by: StaffRef;
}

const MAX_STOCK = 1_000_000_000;

const taxRateSchema = z
  .number()
  .int('Use whole basis points (1900 for 19 %).')
  .min(0, 'Cannot be negative.')
  .max(10_000, 'Use at most 10000 (100 %).');

const itemCode = optionalText(40);
const stockCount = z.number().int('Use a whole number.').min(0, 'Cannot be negative.').max(MAX_STOCK, 'That is more than can be stocked.');

export const catalogueChannels = {
  'catalogue:list': channel<Page<CatalogueItem>>()(
    listInput(['name', 'code', 'price', 'stock'], {
      q: searchText,
      kind: z.enum(ITEM_KINDS).optional(),
      active: z.boolean().optional(),
    }),
  ),
  'catalogue:get': channel<CatalogueItem>()(byIdInput),
  'catalogue:create': channel<CatalogueItem>()(
    z
      .strictObject({
        kind: z.enum(ITEM_KINDS, { error: 'Choose product or service.' }),
        name: requiredText(120),
        code: itemCode,
        priceMinor: moneyMinorSchema,
        taxRateBp: taxRateSchema.default(0),
        /** Opening stock, products only. */
        stock: stockCount.optional(),
        active: z.boolean().default(true),
      })
      .superRefine((v, ctx) => {
        if (v.kind === 'service' && v.stock !== undefined) ctx.addIssue({ code: 'custom', message: 'A service has no stock.', path: ['stock'] });
      }),
  ),
  /** Stock changes only through adjustStock and sales, each leaving a movement behind. */
  'catalogue:update': channel<CatalogueItem>()(
    z.strictObject({
      id: idSchema,
      name: requiredText(120).optional(),
      code: itemCode.optional(),
      priceMinor: moneyMinorSchema.optional(),
      taxRateBp: taxRateSchema.optional(),
      active: z.boolean().optional(),
    }),
  ),
  'catalogue:adjustStock': channel<CatalogueItem>()(
    z.strictObject({
      id: idSchema,
      /** Units added (positive) or taken away (negative): a delivery, a count, breakage. */
      delta: z
        .number()
        .int('Use a whole number.')
        .min(-MAX_STOCK, 'That is more than can be stocked.')
        .max(MAX_STOCK, 'That is more than can be stocked.')
        .refine((d) => d !== 0, 'Use a number other than zero.'),
      reason: requiredText(200),
    }),
  ),
  'catalogue:movements': channel<Page<StockMovement>>()(z.strictObject({ itemId: idSchema, ...pageFields })),
};
