import type { LineDiscount, SaleLine, SaleTotals } from '../../../../preload/contract/channels/sales';
import { validationError } from '../../errors';
import type { CatalogueItemRow } from './schema';

/**
 * How a sale is priced, in integer minor units throughout:
 *   gross    = quantity × unit price (prices are net, before tax)
 *   discount = the amount given, or gross × percent rounded half up; never more than gross
 *   net      = gross − discount
 *   tax      = net × the item's rate, rounded half up, per line
 *   total    = net + tax
 * The sale's totals are the sums of its lines, so every line on a receipt adds up to the total
 * printed under it. Arithmetic is exact (BigInt) however large the numbers.
 */

/** A sale may come to at most this many minor units; more is a typing mistake, not a sale. */
const MAX_TOTAL = 1_000_000_000_000_000n;

/** amount × basis points / 10 000, rounded half up (both ≥ 0). */
const ofBasisPoints = (amount: bigint, bp: number): bigint => (amount * BigInt(bp) + 5_000n) / 10_000n;

export interface LineRequest {
  itemId: string;
  quantity: number;
  unitPriceMinor?: number | undefined;
  discount?: LineDiscount | undefined;
}

export type PricedItem = Pick<CatalogueItemRow, 'id' | 'name' | 'kind' | 'price_minor' | 'tax_rate_bp'>;

const tooLarge = (field: string) => validationError('This sale is too large.', { [field]: 'The amount is too large.' });

/** One line priced; `index` names the line in any message. */
export function priceLine(line: LineRequest, item: PricedItem, index: number): SaleLine {
  const unit = line.unitPriceMinor ?? item.price_minor;
  const gross = BigInt(line.quantity) * BigInt(unit);
  if (gross > MAX_TOTAL) throw tooLarge(`lines.${index}.quantity`);
  let discount = 0n;
  if (line.discount?.type === 'amount') {
    discount = BigInt(line.discount.amountMinor);
    if (discount > gross) throw validationError('A discount is more than its line.', { [`lines.${index}.discount.amountMinor`]: 'More than the line comes to.' });
  } else if (line.discount?.type === 'percent') {
    discount = ofBasisPoints(gross, line.discount.basisPoints);
  }
  const net = gross - discount;
  const tax = ofBasisPoints(net, item.tax_rate_bp);
  return {
    lineNo: index + 1,
    itemId: item.id,
    itemName: item.name,
    kind: item.kind,
    quantity: line.quantity,
    listPriceMinor: item.price_minor,
    unitPriceMinor: unit,
    priceOverridden: unit !== item.price_minor,
    discount: line.discount ?? null,
    grossMinor: Number(gross),
    discountMinor: Number(discount),
    netMinor: Number(net),
    taxRateBp: item.tax_rate_bp,
    taxMinor: Number(tax),
    totalMinor: Number(net + tax),
  };
}

export function totalsOf(lines: readonly SaleLine[], currency: string): SaleTotals {
  const sum = (pick: (l: SaleLine) => number) => lines.reduce((acc, l) => acc + BigInt(pick(l)), 0n);
  // gross bounds every other sum: discount and net are at most gross, tax at most net
  const gross = sum((l) => l.grossMinor);
  if (gross > MAX_TOTAL) throw tooLarge('lines');
  return {
    currency,
    grossMinor: Number(gross),
    discountMinor: Number(sum((l) => l.discountMinor)),
    netMinor: Number(sum((l) => l.netMinor)),
    taxMinor: Number(sum((l) => l.taxMinor)),
    totalMinor: Number(sum((l) => l.totalMinor)),
  };
}
