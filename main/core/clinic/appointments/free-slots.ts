import type { ParsedInput } from '../../../../preload/contract';
import type { Slot } from '../../../../preload/contract/channels/appointments';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { addDays, localDateOf, slotOf } from './clinic-time';
import { BLOCKING } from './status-machine';
import { parseWorkingHours, workingIntervals, type Interval } from './working-hours';

/** How far ahead the search looks before it gives up with what it found. */
const HORIZON_DAYS = 90;
const MINUTE = 60_000;

/**
 * The next free slots of a doctor: working time minus what is booked, cut into the doctor's
 * appointment length. Slots follow a grid from the start of each working range, and a booking
 * restarts the grid at its end, so no minutes are lost after an odd-length appointment.
 */
export async function freeSlots(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:freeSlots'>): Promise<Slot[]> {
  const db = ctx.clinic.tenant.db;
  const tz = ctx.clinic.timezone;
  const doctor = await db.selectFrom('doctors').selectAll().where('id', '=', input.doctorId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!doctor) throw new AppError('NOT_FOUND', 'That doctor was not found.');
  if (!doctor.active) throw new AppError('CONFLICT', 'This doctor is inactive and takes no appointments.');
  const from = input.from ? Date.parse(input.from) : ctx.core.clock().getTime();
  const length = (input.minutes ?? doctor.default_appointment_minutes) * MINUTE;
  const firstDate = addDays(localDateOf(from, tz), -1);
  const working = workingIntervals(parseWorkingHours(doctor.working_hours), firstDate, addDays(firstDate, HORIZON_DAYS), tz).filter((i) => i.end > from);
  if (!working.length) return [];

  const booked: Interval[] = (
    await db
      .selectFrom('appointments')
      .select(['start_at', 'end_at'])
      .where('doctor_id', '=', doctor.id)
      .where('deleted_at', 'is', null)
      .where('status', 'in', BLOCKING)
      .where('end_at', '>', new Date(from).toISOString())
      .where('start_at', '<', new Date(working[working.length - 1]!.end).toISOString())
      .orderBy('start_at')
      .execute()
  ).map((b) => ({ start: Date.parse(b.start_at), end: Date.parse(b.end_at) }));

  const slots: Slot[] = [];
  const take = (start: number): boolean => {
    if (start >= from) slots.push(slotOf(start, start + length, tz));
    return slots.length >= input.count;
  };
  for (const range of working) {
    let cursor = range.start;
    for (const b of booked) {
      if (b.end <= range.start || b.start >= range.end) continue;
      for (; cursor + length <= Math.min(b.start, range.end); cursor += length) if (take(cursor)) return slots;
      cursor = Math.max(cursor, b.end);
    }
    for (; cursor + length <= range.end; cursor += length) if (take(cursor)) return slots;
  }
  return slots;
}
