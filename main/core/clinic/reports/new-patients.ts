import type { z } from 'zod';
import type { Report, REPORT_PARAMS } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { instantRange, periodOf, periodsBetween } from './clinic-days';
import { periodColumn } from './period-column';

/**
 * Patients registered per period, by the clinic's calendar. Records merged into another were
 * duplicates and deleted ones were mistakes, so neither counts; erased patients were real
 * patients and still do.
 */
export async function newPatientsReport(ctx: ClinicHandlerContext, params: z.output<typeof REPORT_PARAMS.newPatients>): Promise<Report> {
  const { start, end } = instantRange(ctx.clinic.timezone, params.from, params.to) as { start: string; end: string };
  const created = await ctx.clinic.tenant.db
    .selectFrom('patients')
    .select('created_at')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where('state', 'in', ['active', 'erased'])
    .execute();
  const counts = new Map(periodsBetween(params.from, params.to, params.period).map((p) => [p, 0]));
  for (const p of created) {
    const key = periodOf(p.created_at, params.period, ctx.clinic.timezone);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    kind: 'newPatients',
    title: `New patients, ${params.from} to ${params.to}`,
    currency: ctx.clinic.currency,
    timezone: ctx.clinic.timezone,
    columns: [periodColumn(params.period), { key: 'patients', label: 'New patients', kind: 'count' }],
    rows: [...counts].map(([period, patients]) => ({ period, patients })),
    totals: { period: 'Total', patients: created.length },
    chart: { type: params.period === 'day' ? 'line' : 'bar', x: 'period', series: ['patients'] },
  };
}
