import type { ParsedInput } from '../../../../preload/contract';
import type { DoctorHours, Schedule } from '../../../../preload/contract/channels/appointments';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { addDays, dayStart, mondayOf, slotOf } from './clinic-time';
import { appointmentsJoined, toAppointment } from './view';
import { parseWorkingHours, workingIntervals } from './working-hours';

/**
 * A day or a week (Monday first) of the clinic's calendar, for one doctor or every active one.
 * Days run from local midnight to local midnight, so a clock-change day is 23 or 25 hours
 * long and every appointment falls on the date the clinic's clock shows at its start.
 */
export async function schedule(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:schedule'>): Promise<Schedule> {
  const db = ctx.clinic.tenant.db;
  const tz = ctx.clinic.timezone;
  const first = input.span === 'week' ? mondayOf(input.date) : input.date;
  const dates = Array.from({ length: input.span === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
  const bounds = [...dates, addDays(first, dates.length)].map((d) => dayStart(d, tz));

  let doctors = db.selectFrom('doctors').select(['id', 'full_name', 'working_hours']).where('deleted_at', 'is', null);
  doctors = input.doctorId ? doctors.where('id', '=', input.doctorId) : doctors.where('active', '=', 1);
  const doctorRows = await doctors.orderBy('full_name').orderBy('id').execute();
  if (input.doctorId && !doctorRows.length) throw new AppError('NOT_FOUND', 'That doctor was not found.');

  let query = appointmentsJoined(db)
    .where('a.deleted_at', 'is', null)
    .where('a.start_at', '>=', new Date(bounds[0]!).toISOString())
    .where('a.start_at', '<', new Date(bounds[dates.length]!).toISOString());
  if (input.doctorId) query = query.where('a.doctor_id', '=', input.doctorId);
  if (!input.includeCancelled) query = query.where('a.status', '!=', 'cancelled');
  const appointments = (await query.orderBy('a.start_at').orderBy('d.full_name').orderBy('a.id').execute()).map((r) => toAppointment(r, ctx.clinic));

  return {
    timezone: tz,
    days: dates.map((date, i) => {
      const start = bounds[i]!;
      const end = bounds[i + 1]!;
      const workingHours: DoctorHours[] = doctorRows.map((d) => ({
        doctorId: d.id,
        doctorName: d.full_name,
        ranges: workingIntervals(parseWorkingHours(d.working_hours), date, date, tz).map((r) => slotOf(r.start, r.end, tz)),
      }));
      return {
        date,
        ...slotOf(start, end, tz),
        appointments: appointments.filter((a) => Date.parse(a.start) >= start && Date.parse(a.start) < end),
        workingHours,
      };
    }),
  };
}
