import type { z } from 'zod';
import type { Report, REPORT_PARAMS, ReportRow } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { instantRange, periodOf, periodsBetween } from './clinic-days';
import { periodColumn } from './period-column';

/**
 * What completed visits charged, per period (by the visit's date in the clinic's zone) and per
 * doctor: one row per period, every period of the range included so a chart shows gaps as zero,
 * one column per doctor who had a completed visit, and the period's total.
 */
export async function revenueReport(ctx: ClinicHandlerContext, params: z.output<typeof REPORT_PARAMS.revenue>): Promise<Report> {
  const { start, end } = instantRange(ctx.clinic.timezone, params.from, params.to) as { start: string; end: string };
  let query = ctx.clinic.tenant.db
    .selectFrom('appointments as a')
    .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
    .select(['a.start_at', 'a.fee_minor', 'a.doctor_id', 'd.full_name'])
    .where('a.status', '=', 'completed')
    .where('a.deleted_at', 'is', null)
    .where('a.start_at', '>=', start)
    .where('a.start_at', '<', end);
  if (params.doctorId) query = query.where('a.doctor_id', '=', params.doctorId);
  const visits = await query.execute();

  const doctors = new Map<string, string>();
  for (const v of visits) doctors.set(v.doctor_id, v.full_name);
  const order = [...doctors].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  const keyOf = (doctorId: string) => `doctor:${doctorId}`;

  const empty = (period: string): ReportRow => ({ period, ...Object.fromEntries(order.map(([id]) => [keyOf(id), 0])), total: 0 });
  const rows = new Map(periodsBetween(params.from, params.to, params.period).map((p) => [p, empty(p)]));
  const totals = empty('Total');
  for (const v of visits) {
    const row = rows.get(periodOf(v.start_at, params.period, ctx.clinic.timezone))!;
    for (const target of [row, totals]) {
      target[keyOf(v.doctor_id)] = (target[keyOf(v.doctor_id)] as number) + v.fee_minor;
      target.total = (target.total as number) + v.fee_minor;
    }
  }
  const doctorKeys = order.map(([id]) => keyOf(id));
  return {
    kind: 'revenue',
    title: `Revenue by doctor, ${params.from} to ${params.to}`,
    currency: ctx.clinic.currency,
    timezone: ctx.clinic.timezone,
    columns: [periodColumn(params.period), ...order.map(([id, name]) => ({ key: keyOf(id), label: name, kind: 'money' as const })), { key: 'total', label: 'Total', kind: 'money' }],
    rows: [...rows.values()],
    totals,
    chart: { type: params.period === 'day' ? 'line' : 'bar', x: 'period', series: doctorKeys.length ? doctorKeys : ['total'] },
  };
}
