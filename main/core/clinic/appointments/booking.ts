import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Appointment } from '../../../../preload/contract/channels/appointments';
import { minutesOfDay } from '../../../../preload/contract/channels/doctors';
import type { ClinicHandlerContext } from '../../api/handler';
import { isAllowed } from '../../auth/permissions';
import { AppError, validationError } from '../../errors';
import { changedFields } from '../audit';
import { loadActivePatient } from '../patients/records';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import type { DoctorRow } from '../schema';
import { auditAppointment, recordStatus } from './appointment-audit';
import { wallClock } from './clinic-time';
import { assertStatus, BLOCKING } from './status-machine';
import { findAppointment, liveAppointment, toAppointment } from './view';
import { parseWorkingHours, withinWorkingHours } from './working-hours';

const MINUTE = 60_000;

type Doctor = Selectable<DoctorRow>;

/** The start as an instant: given as one, or as wall-clock time in the clinic's zone. */
function resolveStart(input: { start?: string | undefined; localStart?: string | undefined }, tz: string): number {
  if (input.start !== undefined) return Date.parse(input.start);
  const local = input.localStart ?? '';
  const { at, exists } = wallClock(local.slice(0, 10), minutesOfDay(local.slice(11, 16)), tz);
  if (!exists) {
    throw validationError('Some fields need attention.', { localStart: "That time does not exist in the clinic's time zone: the clocks go forward then." });
  }
  return at;
}

async function bookableDoctor(w: ClinicWrite, id: string): Promise<Doctor> {
  const doctor = await w.trx.selectFrom('doctors').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!doctor) throw validationError('Some fields need attention.', { doctorId: 'Choose an existing doctor.' });
  if (!doctor.active) throw new AppError('CONFLICT', 'This doctor is inactive and takes no appointments.', { doctorId: 'Inactive.' });
  return doctor;
}

/** A patient of this clinic whose record is open (not deleted, merged or erased). */
async function bookablePatient(w: ClinicWrite, id: string): Promise<void> {
  const exists = await w.trx.selectFrom('patients').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw validationError('Some fields need attention.', { patientId: 'Choose an existing patient.' });
  await loadActivePatient(w.trx, id);
}

/** Never two appointments at once for one doctor. Run inside the write transaction. */
async function assertDoctorFree(w: ClinicWrite, doctorId: string, start: number, end: number, exceptId?: string): Promise<void> {
  let clash = w.trx
    .selectFrom('appointments')
    .select('id')
    .where('doctor_id', '=', doctorId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', BLOCKING)
    .where('start_at', '<', new Date(end).toISOString())
    .where('end_at', '>', new Date(start).toISOString());
  if (exceptId) clash = clash.where('id', '!=', exceptId);
  if (await clash.executeTakeFirst()) {
    throw new AppError('CONFLICT', 'The doctor already has an appointment at that time.', { start: 'Overlaps another appointment.' });
  }
}

/**
 * The two rules of a doctor's time, checked inside the write transaction (BEGIN IMMEDIATE, so
 * no other booking can slip in between the check and the write): none outside working hours
 * unless the caller may override and asks to, and never two at once. Returns whether the slot
 * is outside working hours, for the audit entry.
 */
async function assertBookable(
  ctx: ClinicHandlerContext,
  w: ClinicWrite,
  doctor: Doctor,
  slot: { start: number; end: number; force: boolean; exceptId?: string },
): Promise<boolean> {
  const outside = !withinWorkingHours(parseWorkingHours(doctor.working_hours), slot.start, slot.end, ctx.clinic.timezone);
  if (outside && !slot.force) {
    throw new AppError('CONFLICT', "That time is outside the doctor's working hours.", { start: 'Outside working hours.' });
  }
  if (outside && !isAllowed(ctx.clinic.role, 'appointments:override')) {
    throw new AppError('FORBIDDEN', "Only a manager can book outside a doctor's working hours.");
  }
  await assertDoctorFree(w, doctor.id, slot.start, slot.end, slot.exceptId);
  return outside;
}

/**
 * A deleted appointment coming back must not double-book its doctor with what was booked
 * meanwhile. Working hours are not checked again: they held, or were overridden, at booking.
 */
export async function assertRestorable(w: ClinicWrite, id: string): Promise<void> {
  const row = await w.trx.selectFrom('appointments').selectAll().where('id', '=', id).where('deleted_at', 'is not', null).executeTakeFirst();
  if (!row || !BLOCKING.includes(row.status)) return;
  const doctor = await w.trx.selectFrom('doctors').select('deleted_at').where('id', '=', row.doctor_id).executeTakeFirstOrThrow();
  if (doctor.deleted_at) throw new AppError('CONFLICT', "The appointment's doctor is deleted; restore the doctor first.");
  await assertDoctorFree(w, row.doctor_id, Date.parse(row.start_at), Date.parse(row.end_at), id);
}

export async function bookAppointment(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:book'>): Promise<Appointment> {
  const start = resolveStart(input, ctx.clinic.timezone);
  const id = randomUUID();
  await clinicWrite(ctx, async (w) => {
    const doctor = await bookableDoctor(w, input.doctorId);
    await bookablePatient(w, input.patientId);
    const minutes = input.minutes ?? doctor.default_appointment_minutes;
    const end = start + minutes * MINUTE;
    const outside = await assertBookable(ctx, w, doctor, { start, end, force: input.force });
    const stamp = w.now.toISOString();
    const row = {
      id,
      patient_id: input.patientId,
      doctor_id: doctor.id,
      start_at: new Date(start).toISOString(),
      end_at: new Date(end).toISOString(),
      minutes,
      reason: input.reason,
      fee_minor: input.feeMinor,
      status: 'scheduled' as const,
      cancelled_by: null,
      cancel_reason: null,
      late_cancellation: null,
      visit_notes: null,
      notes_updated_at: null,
      created_at: stamp,
      updated_at: stamp,
      deleted_at: null,
    };
    await w.trx.insertInto('appointments').values(row).execute();
    await recordStatus(w, id, null, 'scheduled');
    await auditAppointment(w, row, {
      action: 'create',
      details: { doctorId: doctor.id, start: row.start_at, minutes, feeMinor: row.fee_minor, ...(outside && { outsideWorkingHours: true }) },
    });
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, id), ctx.clinic);
}

export async function rescheduleAppointment(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:reschedule'>): Promise<Appointment> {
  const start = resolveStart(input, ctx.clinic.timezone);
  await clinicWrite(ctx, async (w) => {
    const before = await liveAppointment(w.trx, input.id);
    assertStatus(before.status, ['scheduled'], 'rescheduled');
    const doctor = await bookableDoctor(w, input.doctorId ?? before.doctor_id);
    const minutes = input.minutes ?? before.minutes;
    const end = start + minutes * MINUTE;
    const outside = await assertBookable(ctx, w, doctor, { start, end, force: input.force, exceptId: before.id });
    const patch = { doctor_id: doctor.id, start_at: new Date(start).toISOString(), end_at: new Date(end).toISOString(), minutes };
    const changes = changedFields(before, patch);
    if (!Object.keys(changes).length) return;
    await w.trx
      .updateTable('appointments')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', before.id)
      .execute();
    await auditAppointment(w, before, { action: 'reschedule', changes, ...(outside && { details: { outsideWorkingHours: true } }) });
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, input.id), ctx.clinic);
}
