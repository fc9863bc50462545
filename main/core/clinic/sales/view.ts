import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Page } from '../../../../preload/contract/channels/common';
import type { Sale, SaleDetail, SaleLine } from '../../../../preload/contract/channels/sales';
import type { ClinicContext, ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { toLocalIso } from '../appointments/clinic-time';
import { paymentsOfSale } from '../payments/view';
import { fetchPage } from '../reference/list-query';
import { instantRange } from '../reports/clinic-days';
import type { TenantDB } from '../schema';
import type { SaleLineRow } from './schema';

/** Sales with the patient's name and MRN and what was paid through them, net of refunds. */
const salesJoined = (db: Kysely<TenantDB>) =>
  db
    .selectFrom('sales as s')
    .leftJoin('patients as p', 'p.id', 's.patient_id')
    .selectAll('s')
    .select(['p.first_name as patient_first_name', 'p.last_name as patient_last_name', 'p.mrn as patient_mrn'])
    .select(
      sql<number>`coalesce((select sum(pay.amount_minor) from payments pay where pay.sale_id = s.id), 0)
        - coalesce((select sum(r.amount_minor) from refunds r join payments pay on pay.id = r.payment_id where pay.sale_id = s.id), 0)`.as('paid_minor'),
    );

type SaleJoined = Awaited<ReturnType<ReturnType<typeof salesJoined>['executeTakeFirstOrThrow']>>;

function toSale(r: SaleJoined, clinic: Pick<ClinicContext, 'timezone'>): Sale {
  const name = `${r.patient_first_name ?? ''} ${r.patient_last_name ?? ''}`.trim();
  return {
    id: r.id,
    saleNumber: r.sale_number,
    patientId: r.patient_id,
    patientName: name || null,
    patientMrn: r.patient_mrn,
    soldAt: r.sold_at,
    localSoldAt: toLocalIso(Date.parse(r.sold_at), clinic.timezone),
    soldBy: { userId: r.sold_by, name: r.sold_by_name },
    status: r.status,
    note: r.note,
    currency: r.currency,
    grossMinor: r.gross_minor,
    discountMinor: r.discount_minor,
    netMinor: r.net_minor,
    taxMinor: r.tax_minor,
    totalMinor: r.total_minor,
    paidMinor: r.paid_minor,
    voidedAt: r.voided_at,
    voidedBy: r.voided_at ? { userId: r.voided_by, name: r.voided_by_name } : null,
    voidReason: r.void_reason,
  };
}

const toLine = (l: Selectable<SaleLineRow>): SaleLine => ({
  lineNo: l.line_no,
  itemId: l.item_id,
  itemName: l.item_name,
  kind: l.item_kind,
  quantity: l.quantity,
  listPriceMinor: l.list_price_minor,
  unitPriceMinor: l.unit_price_minor,
  priceOverridden: l.unit_price_minor !== l.list_price_minor,
  discount:
    l.discount_type === 'amount'
      ? { type: 'amount', amountMinor: l.discount_value ?? 0 }
      : l.discount_type === 'percent'
        ? { type: 'percent', basisPoints: l.discount_value ?? 0 }
        : null,
  grossMinor: l.gross_minor,
  discountMinor: l.discount_minor,
  netMinor: l.net_minor,
  taxRateBp: l.tax_rate_bp,
  taxMinor: l.tax_minor,
  totalMinor: l.total_minor,
});

export const saleNotFound = (): AppError => new AppError('NOT_FOUND', 'That sale was not found.');

export async function getSale(ctx: ClinicHandlerContext, id: string): Promise<SaleDetail> {
  const db = ctx.clinic.tenant.db;
  const row = await salesJoined(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw saleNotFound();
  const lines = await db.selectFrom('sale_lines').selectAll().where('sale_id', '=', id).orderBy('line_no').execute();
  return { ...toSale(row, ctx.clinic), lines: lines.map(toLine), payments: await paymentsOfSale(db, id, ctx.clinic) };
}

const SORT = { soldAt: 's.sold_at', total: 's.total_minor', saleNumber: 's.sale_number' } as const;

export async function listSales(ctx: ClinicHandlerContext, input: ParsedInput<'sales:list'>): Promise<Page<Sale>> {
  let query = salesJoined(ctx.clinic.tenant.db);
  const { start, end } = instantRange(ctx.clinic.timezone, input.from, input.to);
  if (start) query = query.where('s.sold_at', '>=', start);
  if (end) query = query.where('s.sold_at', '<', end);
  if (input.patientId) query = query.where('s.patient_id', '=', input.patientId);
  if (input.status) query = query.where('s.status', '=', input.status);
  // numbers grow past six digits: a longer number is a later one
  if (input.sort === 'saleNumber') query = query.orderBy(sql`length(s.sale_number)`, input.order);
  query = query.orderBy(SORT[input.sort], input.order).orderBy(sql`length(s.sale_number)`, input.order).orderBy('s.sale_number', input.order);
  const page = await fetchPage(query, input);
  return { ...page, items: page.items.map((r) => toSale(r, ctx.clinic)) };
}
