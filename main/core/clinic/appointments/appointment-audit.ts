import type { AppointmentStatus } from '../../../../preload/contract/channels/appointments';
import type { AuditEntry } from '../audit';
import { sealChanges } from '../patients/audit-seal';
import type { ClinicWrite } from '../clinic-write';
import type { AppointmentRow } from './schema';

const ENTITY = 'appointment';

/**
 * An appointment's audit entry. Its old and new values (a reason, a cancellation note) are about
 * the patient, so they are sealed with the patient's audit key like the patient's own entries:
 * erasing the patient makes them unreadable while who did what, and when, stays on record.
 */
export async function auditAppointment(
  w: ClinicWrite,
  appointment: Pick<AppointmentRow, 'id' | 'patient_id'>,
  entry: Omit<AuditEntry, 'entity' | 'entityId'>,
): Promise<void> {
  let changes = entry.changes;
  if (changes && Object.keys(changes).length) {
    const key = await w.trx.selectFrom('patient_audit_keys').select('patient_id').where('patient_id', '=', appointment.patient_id).executeTakeFirst();
    // an erased patient has no key: only which fields changed is kept
    changes = key
      ? await sealChanges(w.trx, appointment.patient_id, changes)
      : Object.fromEntries(Object.keys(changes).map((field) => [field, [null, null]]));
  }
  await w.audit({
    ...entry,
    entity: ENTITY,
    entityId: appointment.id,
    ...(changes && { changes }),
    details: { ...entry.details, patientId: appointment.patient_id },
  });
}

/** One line of the appointment's status history, by the caller, at the change's time. */
export async function recordStatus(w: ClinicWrite, appointmentId: string, from: AppointmentStatus | null, to: AppointmentStatus, reason: string | null = null): Promise<void> {
  await w.trx
    .insertInto('appointment_status_history')
    .values({
      appointment_id: appointmentId,
      from_status: from,
      to_status: to,
      at: w.now.toISOString(),
      user_id: w.actor.userId,
      user_name: w.actor.userName,
      reason,
    })
    .execute();
}
