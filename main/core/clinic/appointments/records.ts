import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Appointment, AppointmentDetail, AppointmentStatus } from '../../../../preload/contract/channels/appointments';
import type { Page } from '../../../../preload/contract/channels/common';
import type { ClinicHandlerContext } from '../../api/handler';
import { isAllowed } from '../../auth/permissions';
import { shapeFamily } from '../../db/query-shape';
import { AppError } from '../../errors';
import { changedFields } from '../audit';
import { clinicWrite } from '../clinic-write';
import { deletedCondition, pageShape } from '../reference/list-query';
import { markDeleted, markRestored } from '../reference/soft-delete';
import type { TenantDB } from '../schema';
import { auditAppointment } from './appointment-audit';
import { assertRestorable } from './booking';
import { appointmentsJoined, findAppointment, liveAppointment, statusHistory, toAppointment } from './view';

const FEE_OPEN: readonly AppointmentStatus[] = ['scheduled', 'arrived', 'in_progress'];
const SORT = { start: 'a.start_at', createdAt: 'a.created_at' } as const;

type ListInput = ParsedInput<'appointments:list'>;
type StatusSlot = `status${number}`;
type ListSlots = 'doctorId' | 'patientId' | 'from' | 'to' | StatusSlot;

/** Which filters a list asks for decides its query's shape; a patient's record asks for the same one every time. */
const listShape = shapeFamily(
  (form: { deleted: ListInput['deleted']; doctor: boolean; patient: boolean; statuses: number; from: boolean; to: boolean; sort: ListInput['sort']; order: ListInput['order'] }) =>
    pageShape((db: Kysely<TenantDB>, slot: (name: ListSlots) => never) => {
      let query = appointmentsJoined(db);
      const deleted = deletedCondition(form.deleted);
      if (deleted) query = query.where('a.deleted_at', deleted, null);
      if (form.doctor) query = query.where('a.doctor_id', '=', slot('doctorId'));
      if (form.patient) query = query.where('a.patient_id', '=', slot('patientId'));
      if (form.statuses) query = query.where('a.status', 'in', Array.from({ length: form.statuses }, (_, i) => slot(`status${i}`)));
      if (form.from) query = query.where('a.start_at', '>=', slot('from'));
      if (form.to) query = query.where('a.start_at', '<', slot('to'));
      return query.orderBy(SORT[form.sort], form.order).orderBy('a.id');
    }),
);

export async function listAppointments(ctx: ClinicHandlerContext, input: ListInput): Promise<Page<Appointment>> {
  const statuses = input.status ?? [];
  const shape = listShape({
    deleted: input.deleted,
    doctor: Boolean(input.doctorId),
    patient: Boolean(input.patientId),
    statuses: statuses.length,
    from: Boolean(input.from),
    to: Boolean(input.to),
    sort: input.sort,
    order: input.order,
  });
  const values: Record<ListSlots, unknown> = {
    doctorId: input.doctorId,
    patientId: input.patientId,
    from: input.from && new Date(input.from).toISOString(),
    to: input.to && new Date(input.to).toISOString(),
  };
  statuses.forEach((status, i) => (values[`status${i}`] = status));
  const page = await shape.fetch(ctx.clinic.tenant.db, values, input);
  return { ...page, items: page.items.map((r) => toAppointment(r, ctx.clinic)) };
}

/** One appointment with its status history; visit notes only for those who may read them. */
export async function getAppointment(ctx: ClinicHandlerContext, id: string): Promise<AppointmentDetail> {
  const db = ctx.clinic.tenant.db;
  const row = await findAppointment(db, id);
  const mayReadNotes = isAllowed(ctx.clinic.role, 'appointments:notes');
  return {
    ...toAppointment(row, ctx.clinic),
    visitNotes: mayReadNotes ? row.visit_notes : null,
    notesUpdatedAt: row.notes_updated_at,
    history: await statusHistory(db, id),
  };
}

/** The reason can change any time; the fee only until the visit is completed (it is then owed). */
export async function updateAppointment(ctx: ClinicHandlerContext, input: ParsedInput<'appointments:update'>): Promise<Appointment> {
  await clinicWrite(ctx, async (w) => {
    const before = await liveAppointment(w.trx, input.id);
    const patch = { reason: input.reason, fee_minor: input.feeMinor };
    const changes = changedFields(before, patch);
    if (!Object.keys(changes).length) return;
    if ('fee_minor' in changes && !FEE_OPEN.includes(before.status)) {
      throw new AppError('CONFLICT', 'The fee of a completed, cancelled or missed appointment cannot change.', { feeMinor: 'Fixed.' });
    }
    await w.trx
      .updateTable('appointments')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    await auditAppointment(w, before, { action: 'update', changes });
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, input.id), ctx.clinic);
}

/** A completed visit is part of the patient's record and balance: it is never hidden. */
export async function deleteAppointment(ctx: ClinicHandlerContext, id: string): Promise<Appointment> {
  await clinicWrite(ctx, async (w) => {
    const row = await w.trx.selectFrom('appointments').select('status').where('id', '=', id).executeTakeFirst();
    if (row?.status === 'completed') throw new AppError('CONFLICT', 'A completed appointment cannot be deleted.');
    await markDeleted(w, 'appointments', id);
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, id), ctx.clinic);
}

export async function restoreAppointment(ctx: ClinicHandlerContext, id: string): Promise<Appointment> {
  await clinicWrite(ctx, async (w) => {
    await assertRestorable(w, id);
    await markRestored(w, 'appointments', id);
  });
  return toAppointment(await findAppointment(ctx.clinic.tenant.db, id), ctx.clinic);
}
