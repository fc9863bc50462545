import type { ParsedInput } from '../../../../preload/contract';
import type { Appointment, AppointmentStatus } from '../../../../preload/contract/channels/appointments';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { changedFields } from '../audit';
import { clinicWrite } from '../clinic-write';
import { auditAppointment, recordStatus } from './appointment-audit';
import { assertMove } from './status-machine';
import type { AppointmentRow } from './schema';
import { findAppointment, liveAppointment, toAppointment } from './view';

/** Cancelling with less notice than this before the start counts as late (the usual 24-hour policy). */
const LATE_CANCELLATION_MS = 24 * 3_600_000;

type Extra = Partial<Pick<AppointmentRow, 'cancelled_by' | 'cancel_reason' | 'late_cancellation'>>;

async function move(ctx: ClinicHandlerContext, id: string, to: AppointmentStatus, extra: (row: AppointmentRow, now: Date) => Extra): Promise<Appointment> {
  await clinicWrite(ctx, async (w) => {
    const before = await liveAppointment(w.trx, id);
    assertMove(before.status, to);
    const patch = { status: to, ...extra(before, w.now) };
    await w.trx
      .updateTable('appointments')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await recordStatus(w, id, before.status, to, patch.cancel_reason ?? null);
    await auditAppointment(w, before, { action: to === 'cancelled' ? 'cancel' : 'status', changes: changedFields(before, patch) });
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, id), ctx.clinic);
}

export function setAppointmentStatus(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:setStatus'>): Promise<Appointment> {
  return move(ctx, input.id, input.status, (row, now) => {
    if (input.status === 'no_show' && now.getTime() < Date.parse(row.start_at)) {
      throw new AppError('CONFLICT', 'A patient can be marked as a no-show only once the appointment has begun.');
    }
    return {};
  });
}

/** Late when less than 24 hours' notice was given, including after the start. */
export function cancelAppointment(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:cancel'>): Promise<Appointment> {
  return move(ctx, input.id, 'cancelled', (row, now) => ({
    cancelled_by: input.by,
    cancel_reason: input.reason,
    late_cancellation: Date.parse(row.start_at) - now.getTime() < LATE_CANCELLATION_MS ? 1 : 0,
  }));
}
