import type { ParsedInput } from '../../../../preload/contract';
import type { AppointmentDetail } from '../../../../preload/contract/channels/appointments';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { clinicWrite } from '../clinic-write';
import { notFound } from '../reference/soft-delete';
import { auditAppointment } from './appointment-audit';
import { getAppointment } from './records';
import { assertStatus } from './status-machine';

/**
 * Visit notes are the doctor's clinical record of the visit: only the user linked to the
 * appointment's own doctor writes them, from check-in on. The audit entry keeps the old and new
 * text sealed to the patient, so an amended note can always be traced.
 */
export async function writeVisitNotes(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:writeNotes'>): Promise<AppointmentDetail> {
  await clinicWrite(ctx, async (w) => {
    const row = await w.trx
      .selectFrom('appointments as a')
      .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
      .selectAll('a')
      .select('d.user_id as doctor_user_id')
      .where('a.id', '=', input.id)
      .where('a.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('appointments');
    if (row.doctor_user_id !== ctx.session.userId) {
      throw new AppError('FORBIDDEN', "Only the appointment's own doctor can write its visit notes.");
    }
    assertStatus(row.status, ['arrived', 'in_progress', 'completed'], 'given visit notes');
    const notes = input.notes.trim() || null;
    if (notes === row.visit_notes) return;
    await w.trx
      .updateTable('appointments')
      .set({ visit_notes: notes, notes_updated_at: w.now.toISOString(), updated_at: w.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await auditAppointment(w, row, { action: 'notes', changes: { visit_notes: [row.visit_notes, notes] } });
  });
  return getAppointment(ctx, input.id);
}
