import type { z } from 'zod';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../preload/contract/channels/payments';
import type { Report, REPORT_PARAMS, ReportRow } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { instantRange } from './clinic-days';

const METHOD_LABEL: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  transfer: 'Bank transfer',
  insurance: 'Insurance',
  other: 'Other',
};

interface Tally {
  method: PaymentMethod;
  userId: string | null;
  user: string;
  payments: number;
  paid: number;
  refunds: number;
  refunded: number;
}

const COLUMNS: Report['columns'] = [
  { key: 'method', label: 'Method', kind: 'text' },
  { key: 'user', label: 'Taken by', kind: 'text' },
  { key: 'payments', label: 'Payments', kind: 'count' },
  { key: 'paid', label: 'Paid', kind: 'money' },
  { key: 'refunds', label: 'Refunds', kind: 'count' },
  { key: 'refunded', label: 'Refunded', kind: 'money' },
  { key: 'net', label: 'Net', kind: 'money' },
];

const toRow = (t: Omit<Tally, 'method' | 'userId' | 'user'> & { method: string; user: string | null }): ReportRow => ({
  method: t.method,
  user: t.user,
  payments: t.payments,
  paid: t.paid,
  refunds: t.refunds,
  refunded: t.refunded,
  net: t.paid - t.refunded,
});

/**
 * The till at the end of a clinic day: payments received and refunds given between the day's
 * local midnights, by method and by the person who took or gave them. A refund counts on the
 * day it was given, whenever the payment was taken.
 */
export async function endOfDayReport(ctx: ClinicHandlerContext, params: z.output<typeof REPORT_PARAMS.endOfDay>): Promise<Report> {
  const db = ctx.clinic.tenant.db;
  const { start, end } = instantRange(ctx.clinic.timezone, params.date, params.date) as { start: string; end: string };
  const paid = await db
    .selectFrom('payments')
    .select(['method', 'received_by as userId'])
    .select((eb) => [eb.fn.max('received_by_name').as('user'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_minor').as('total')])
    .where('received_at', '>=', start)
    .where('received_at', '<', end)
    .groupBy(['method', 'received_by'])
    .execute();
  const refunded = await db
    .selectFrom('refunds')
    .select(['method', 'refunded_by as userId'])
    .select((eb) => [eb.fn.max('refunded_by_name').as('user'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_minor').as('total')])
    .where('refunded_at', '>=', start)
    .where('refunded_at', '<', end)
    .groupBy(['method', 'refunded_by'])
    .execute();

  const tallies = new Map<string, Tally>();
  const tally = (method: PaymentMethod, userId: string | null, user: string | null): Tally => {
    const key = `${method}\u0000${userId ?? ''}`;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { method, userId, user: user ?? 'Unknown', payments: 0, paid: 0, refunds: 0, refunded: 0 }));
    return t;
  };
  for (const p of paid) Object.assign(tally(p.method, p.userId, p.user), { payments: Number(p.n), paid: Number(p.total) });
  for (const r of refunded) Object.assign(tally(r.method, r.userId, r.user), { refunds: Number(r.n), refunded: Number(r.total) });

  const ordered = [...tallies.values()].sort(
    (a, b) => PAYMENT_METHODS.indexOf(a.method) - PAYMENT_METHODS.indexOf(b.method) || a.user.localeCompare(b.user) || (a.userId ?? '').localeCompare(b.userId ?? ''),
  );
  const sum = (pick: (t: Tally) => number) => ordered.reduce((acc, t) => acc + pick(t), 0);
  return {
    kind: 'endOfDay',
    title: `End of day ${params.date}`,
    currency: ctx.clinic.currency,
    timezone: ctx.clinic.timezone,
    columns: COLUMNS,
    rows: ordered.map((t) => toRow({ ...t, method: METHOD_LABEL[t.method] })),
    totals: toRow({
      method: 'Total',
      user: null,
      payments: sum((t) => t.payments),
      paid: sum((t) => t.paid),
      refunds: sum((t) => t.refunds),
      refunded: sum((t) => t.refunded),
    }),
  };
}
