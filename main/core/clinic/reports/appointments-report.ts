import type { z } from 'zod';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../../preload/contract/channels/appointments';
import type { Report, REPORT_PARAMS, ReportRow } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { instantRange } from './clinic-days';

const STATUS_LABEL: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  arrived: 'Checked in',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

type Counts = Record<AppointmentStatus, number>;

/**
 * The no-show rate counts only appointments whose outcome is known: of those that were neither
 * cancelled nor still waiting (scheduled), the share the patient did not come to.
 */
function noShowRate(c: Counts): number | null {
  const due = c.arrived + c.in_progress + c.completed + c.no_show;
  return due ? c.no_show / due : null;
}

const toRow = (doctor: string, c: Counts): ReportRow => ({
  doctor,
  ...c,
  total: APPOINTMENT_STATUSES.reduce((acc, s) => acc + c[s], 0),
  noShowRate: noShowRate(c),
});

/** Appointments starting in the range (not deleted), by status, and the no-show rate, per doctor. */
export async function appointmentsReport(ctx: ClinicHandlerContext, params: z.output<typeof REPORT_PARAMS.appointments>): Promise<Report> {
  const { start, end } = instantRange(ctx.clinic.timezone, params.from, params.to) as { start: string; end: string };
  const counted = await ctx.clinic.tenant.db
    .selectFrom('appointments as a')
    .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
    .select(['a.doctor_id', 'a.status'])
    .select((eb) => [eb.fn.max('d.full_name').as('doctor'), eb.fn.countAll<number>().as('n')])
    .where('a.deleted_at', 'is', null)
    .where('a.start_at', '>=', start)
    .where('a.start_at', '<', end)
    .groupBy(['a.doctor_id', 'a.status'])
    .execute();

  const zero = (): Counts => Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, 0])) as Counts;
  const byDoctor = new Map<string, { name: string; counts: Counts }>();
  const all = zero();
  for (const r of counted) {
    const entry = byDoctor.get(r.doctor_id) ?? { name: r.doctor ?? '', counts: zero() };
    entry.counts[r.status] += Number(r.n);
    all[r.status] += Number(r.n);
    byDoctor.set(r.doctor_id, entry);
  }
  const ordered = [...byDoctor].sort((a, b) => a[1].name.localeCompare(b[1].name) || a[0].localeCompare(b[0]));
  return {
    kind: 'appointments',
    title: `Appointments by status, ${params.from} to ${params.to}`,
    currency: ctx.clinic.currency,
    timezone: ctx.clinic.timezone,
    columns: [
      { key: 'doctor', label: 'Doctor', kind: 'text' },
      ...APPOINTMENT_STATUSES.map((s) => ({ key: s, label: STATUS_LABEL[s], kind: 'count' as const })),
      { key: 'total', label: 'Total', kind: 'count' },
      { key: 'noShowRate', label: 'No-show rate', kind: 'percent' },
    ],
    rows: ordered.map(([, { name, counts }]) => toRow(name, counts)),
    totals: toRow('Total', all),
    chart: { type: 'bar', x: 'doctor', series: ['completed', 'cancelled', 'no_show'] },
  };
}
