import type { Kysely } from 'kysely';
import type { SaleQuote } from '../../../../preload/contract/channels/sales';
import type { ClinicHandlerContext } from '../../api/handler';
import { isAllowed } from '../../auth/permissions';
import { AppError, validationError } from '../../errors';
import type { TenantDB } from '../schema';
import { priceLine, totalsOf, type LineRequest, type PricedItem } from './pricing';

/**
 * Prices requested lines from the catalogue as it is in `db` (inside a sale's write
 * transaction, the catalogue as the sale sees it). Unknown or inactive items are refused beside
 * their line; a unit price other than the catalogue's is an override that only those who may
 * set prices (catalogue:write) can make.
 */
export async function quoteLines(ctx: ClinicHandlerContext, db: Kysely<TenantDB>, lines: readonly LineRequest[]): Promise<SaleQuote> {
  const ids = [...new Set(lines.map((l) => l.itemId))];
  const rows = await db.selectFrom('catalogue_items').select(['id', 'name', 'kind', 'price_minor', 'tax_rate_bp', 'active']).where('id', 'in', ids).execute();
  const items = new Map(rows.map((r) => [r.id, r]));
  const mayOverride = isAllowed(ctx.clinic.role, 'catalogue:write');
  const problems: Record<string, string> = {};
  const overrides: Record<string, string> = {};
  lines.forEach((line, i) => {
    const item = items.get(line.itemId);
    if (!item) problems[`lines.${i}.itemId`] = 'Choose an item from the catalogue.';
    else if (!item.active) problems[`lines.${i}.itemId`] = `${item.name} is no longer sold.`;
    else if (line.unitPriceMinor !== undefined && line.unitPriceMinor !== item.price_minor && !mayOverride) {
      overrides[`lines.${i}.unitPriceMinor`] = 'Only a manager can change a price.';
    }
  });
  if (Object.keys(problems).length) throw validationError('Some lines need attention.', problems);
  if (Object.keys(overrides).length) throw new AppError('FORBIDDEN', 'Your role does not allow changing a price.', overrides);
  const priced = lines.map((line, i) => priceLine(line, items.get(line.itemId) as PricedItem, i));
  return { ...totalsOf(priced, ctx.clinic.currency), lines: priced };
}
