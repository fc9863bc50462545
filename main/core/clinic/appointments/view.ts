import type { Kysely } from 'kysely';
import type { Appointment, StatusChange } from '../../../../preload/contract/channels/appointments';
import type { ClinicContext } from '../../api/handler';
import { notFound } from '../reference/soft-delete';
import type { TenantDB } from '../schema';
import { slotOf } from './clinic-time';

/** Appointments with the names a schedule shows beside them. */
export const appointmentsJoined = (db: Kysely<TenantDB>) =>
  db
    .selectFrom('appointments as a')
    .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .selectAll('a')
    .select(['d.full_name as doctor_name', 'p.first_name as patient_first_name', 'p.last_name as patient_last_name']);

type AppointmentJoined = Awaited<ReturnType<ReturnType<typeof appointmentsJoined>['executeTakeFirstOrThrow']>>;

export function toAppointment(r: AppointmentJoined, clinic: Pick<ClinicContext, 'timezone' | 'currency'>): Appointment {
  const patientName = `${r.patient_first_name} ${r.patient_last_name}`.trim();
  return {
    id: r.id,
    patientId: r.patient_id,
    // an erased patient keeps their appointments, without a name
    patientName: patientName || null,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    ...slotOf(Date.parse(r.start_at), Date.parse(r.end_at), clinic.timezone),
    timezone: clinic.timezone,
    minutes: r.minutes,
    reason: r.reason,
    feeMinor: r.fee_minor,
    currency: clinic.currency,
    status: r.status,
    cancelledBy: r.cancelled_by,
    cancelReason: r.cancel_reason,
    lateCancellation: r.late_cancellation === null ? null : r.late_cancellation === 1,
    hasNotes: r.visit_notes !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export async function findAppointment(db: Kysely<TenantDB>, id: string): Promise<AppointmentJoined> {
  const row = await appointmentsJoined(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('appointments');
  return row;
}

/** An appointment to change: a deleted one counts as not found. */
export async function liveAppointment(db: Kysely<TenantDB>, id: string) {
  const row = await db.selectFrom('appointments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('appointments');
  return row;
}

export async function statusHistory(db: Kysely<TenantDB>, id: string): Promise<StatusChange[]> {
  const rows = await db.selectFrom('appointment_status_history').selectAll().where('appointment_id', '=', id).orderBy('id').execute();
  return rows.map((h) => ({ from: h.from_status, to: h.to_status, at: h.at, userId: h.user_id, userName: h.user_name, reason: h.reason }));
}
