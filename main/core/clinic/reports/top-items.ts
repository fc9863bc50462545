import { sql } from 'kysely';
import type { z } from 'zod';
import type { Report, REPORT_PARAMS } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { instantRange } from './clinic-days';

/**
 * The catalogue items sold most between two dates (sales not voided), by units or by net sales
 * (after discounts, before tax), under the item's current name.
 */
export async function topItemsReport(ctx: ClinicHandlerContext, params: z.output<typeof REPORT_PARAMS.topItems>): Promise<Report> {
  const { start, end } = instantRange(ctx.clinic.timezone, params.from, params.to) as { start: string; end: string };
  const quantity = sql<number>`sum(l.quantity)`;
  const revenue = sql<number>`sum(l.net_minor)`;
  const [first, second] = params.by === 'quantity' ? [quantity, revenue] : [revenue, quantity];
  const items = await ctx.clinic.tenant.db
    .selectFrom('sale_lines as l')
    .innerJoin('sales as s', 's.id', 'l.sale_id')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select(['l.item_id', 'i.name', 'i.kind'])
    .select([quantity.as('quantity'), revenue.as('revenue')])
    .where('s.status', '=', 'completed')
    .where('s.sold_at', '>=', start)
    .where('s.sold_at', '<', end)
    .groupBy('l.item_id')
    .orderBy(first, 'desc')
    .orderBy(second, 'desc')
    .orderBy(sql`i.name collate nocase`)
    .orderBy('l.item_id')
    .limit(params.limit)
    .execute();
  const rows = items.map((item, i) => ({ rank: i + 1, item: item.name, kind: item.kind === 'product' ? 'Product' : 'Service', quantity: item.quantity, revenue: item.revenue }));
  return {
    kind: 'topItems',
    title: `Top items, ${params.from} to ${params.to}`,
    currency: ctx.clinic.currency,
    timezone: ctx.clinic.timezone,
    columns: [
      { key: 'rank', label: 'Rank', kind: 'count' },
      { key: 'item', label: 'Item', kind: 'text' },
      { key: 'kind', label: 'Kind', kind: 'text' },
      { key: 'quantity', label: 'Units sold', kind: 'count' },
      { key: 'revenue', label: 'Net sales', kind: 'money' },
    ],
    rows,
    chart: { type: 'bar', x: 'item', series: [params.by] },
  };
}
