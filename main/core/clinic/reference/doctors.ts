import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Doctor } from '../../../../preload/contract/channels/doctors';
import type { ClinicHandlerContext } from '../../api/handler';
import { assertWithinLimit } from '../../api/limits';
import { countActiveDoctors } from '../limit-counts';
import { AppError } from '../../errors';
import { findClinicUser } from '../../master/memberships';
import { parseWorkingHours } from '../appointments/working-hours';
import { changedFields } from '../audit';
import type { DoctorRow, TenantDB } from '../schema';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import { containsText, deletedCondition, fetchPage, sortKey } from './list-query';
import { markDeleted, markRestored, notFound } from './soft-delete';

const doctorsWithHospital = (db: Kysely<TenantDB>) =>
  db.selectFrom('doctors as d').leftJoin('hospitals as h', 'h.id', 'd.hospital_id').selectAll('d').select('h.name as hospital_name');

type DoctorJoined = Awaited<ReturnType<ReturnType<typeof doctorsWithHospital>['executeTakeFirstOrThrow']>>;

const toDoctor = (r: DoctorJoined): Doctor => ({
  id: r.id,
  fullName: r.full_name,
  specialty: r.specialty,
  licenceNumber: r.licence_number,
  phone: r.phone,
  email: r.email,
  hospitalId: r.hospital_id,
  hospitalName: r.hospital_name,
  active: r.active === 1,
  workingHours: parseWorkingHours(r.working_hours),
  defaultAppointmentMinutes: r.default_appointment_minutes,
  userId: r.user_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const SORT = { name: 'd.full_name', specialty: 'd.specialty', createdAt: 'd.created_at' } as const;

export async function listDoctors(ctx: ClinicHandlerContext, input: ParsedInput<'doctors:list'>) {
  let query = doctorsWithHospital(ctx.clinic.tenant.db);
  const deleted = deletedCondition(input.deleted);
  if (deleted) query = query.where('d.deleted_at', deleted, null);
  if (input.q) query = query.where(containsText('d.full_name', input.q));
  if (input.active !== undefined) query = query.where('d.active', '=', input.active ? 1 : 0);
  if (input.hospitalId) query = query.where('d.hospital_id', '=', input.hospitalId);
  if (input.regionId) query = query.where('h.region_id', '=', input.regionId);
  query = query.orderBy(sortKey(SORT[input.sort]), input.order).orderBy('d.full_name').orderBy('d.id');
  const page = await fetchPage(query, input);
  return { ...page, items: page.items.map(toDoctor) };
}

export async function getDoctor(ctx: ClinicHandlerContext, id: string): Promise<Doctor> {
  const row = await doctorsWithHospital(ctx.clinic.tenant.db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('doctors');
  return toDoctor(row);
}

type DoctorValues = Partial<Pick<DoctorRow, 'hospital_id' | 'licence_number' | 'user_id'>> & { active?: number };

/**
 * The rules a doctor's row must keep, checked inside the write transaction: its hospital
 * exists, its licence number and linked user belong to no other doctor, the linked user is a
 * member of this clinic, and active doctors stay within the plan.
 */

/** Whether a doctor other than `id`, not deleted, already holds this licence number or user link. */
async function anotherLiveDoctor(trx: Kysely<TenantDB>, column: 'licence_number' | 'user_id', value: string, id: string): Promise<boolean> {
  const row = await trx.selectFrom('doctors').select('id').where(column, '=', value).where('deleted_at', 'is', null).where('id', '!=', id).executeTakeFirst();
  return row !== undefined;
}

async function checkDoctor(ctx: ClinicHandlerContext, w: ClinicWrite, id: string, next: DoctorValues, becomesActive: boolean): Promise<void> {
  if (next.hospital_id) {
    const hospital = await w.trx.selectFrom('hospitals').select('id').where('id', '=', next.hospital_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!hospital) throw new AppError('VALIDATION', 'Some fields need attention.', { hospitalId: 'Choose an existing hospital.' });
  }
  if (next.licence_number) {
    if (await anotherLiveDoctor(w.trx, 'licence_number', next.licence_number, id)) throw new AppError('CONFLICT', 'Another doctor has that licence number.', { licenceNumber: 'Already in use.' });
  }
  if (next.user_id) {
    const member = await findClinicUser(ctx.core.master, ctx.clinic.id, next.user_id);
    if (!member) throw new AppError('VALIDATION', 'Some fields need attention.', { userId: 'Choose a member of this clinic.' });
    if (await anotherLiveDoctor(w.trx, 'user_id', next.user_id, id)) throw new AppError('CONFLICT', 'That user is already linked to another doctor.', { userId: 'Already linked.' });
  }
  if (becomesActive) {
    assertWithinLimit(ctx, 'max_doctors', await countActiveDoctors(w.trx, id));
  }
}

export async function createDoctor(ctx: ClinicHandlerContext, input: ParsedInput<'doctors:create'>): Promise<Doctor> {
  const id = crypto.randomUUID();
  const values = {
    full_name: input.fullName,
    specialty: input.specialty,
    licence_number: input.licenceNumber,
    phone: input.phone,
    email: input.email,
    hospital_id: input.hospitalId,
    active: input.active ? 1 : 0,
    working_hours: JSON.stringify(input.workingHours),
    default_appointment_minutes: input.defaultAppointmentMinutes,
    user_id: input.userId,
  };
  await clinicWrite(ctx, async (w) => {
    await checkDoctor(ctx, w, id, values, input.active);
    const stamp = w.now.toISOString();
    await w.trx
      .insertInto('doctors')
      .values({ id, ...values, created_at: stamp, updated_at: stamp, deleted_at: null })
      .execute();
    await w.audit({ action: 'create', entity: 'doctor', entityId: id, details: values });
  });
  return getDoctor(ctx, id);
}

export async function updateDoctor(ctx: ClinicHandlerContext, input: ParsedInput<'doctors:update'>): Promise<Doctor> {
  await clinicWrite(ctx, async (w) => {
    const before = await w.trx.selectFrom('doctors').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!before) throw notFound('doctors');
    const patch = {
      full_name: input.fullName,
      specialty: input.specialty,
      licence_number: input.licenceNumber,
      phone: input.phone,
      email: input.email,
      hospital_id: input.hospitalId,
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
      working_hours: input.workingHours && JSON.stringify(input.workingHours),
      default_appointment_minutes: input.defaultAppointmentMinutes,
      user_id: input.userId,
    };
    const changes = changedFields(before, patch);
    if (!Object.keys(changes).length) return;
    const only = <K extends keyof typeof patch>(key: K) => (key in changes ? patch[key] : undefined);
    await checkDoctor(
      ctx,
      w,
      input.id,
      { hospital_id: only('hospital_id'), licence_number: only('licence_number'), user_id: only('user_id') },
      'active' in changes && patch.active === 1,
    );
    await w.trx
      .updateTable('doctors')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    await w.audit({ action: 'update', entity: 'doctor', entityId: input.id, changes });
  });
  return getDoctor(ctx, input.id);
}

/** Appointments still to come keep a doctor: the front desk must cancel or move them first. */
export async function deleteDoctor(ctx: ClinicHandlerContext, id: string): Promise<Doctor> {
  await clinicWrite(ctx, async (w) => {
    const upcoming = await w.trx
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doctor_id', '=', id)
      .where('deleted_at', 'is', null)
      .where('status', 'in', ['scheduled', 'arrived', 'in_progress'])
      .where('end_at', '>', w.now.toISOString())
      .executeTakeFirstOrThrow();
    if (Number(upcoming.n)) {
      throw new AppError('CONFLICT', `This doctor has ${upcoming.n} upcoming appointment(s); cancel or move them first.`);
    }
    await markDeleted(w, 'doctors', id);
  });
  return getDoctor(ctx, id);
}

export async function restoreDoctor(ctx: ClinicHandlerContext, id: string): Promise<Doctor> {
  await clinicWrite(ctx, async (w) => {
    const row = await w.trx.selectFrom('doctors').selectAll().where('id', '=', id).where('deleted_at', 'is not', null).executeTakeFirst();
    if (row) {
      if (row.hospital_id) {
        const hospital = await w.trx.selectFrom('hospitals').select('deleted_at').where('id', '=', row.hospital_id).executeTakeFirst();
        if (hospital?.deleted_at) throw new AppError('CONFLICT', 'Their hospital is deleted; restore the hospital first.');
      }
      await checkDoctor(ctx, w, id, { licence_number: row.licence_number, user_id: row.user_id }, row.active === 1);
    }
    await markRestored(w, 'doctors', id);
  });
  return getDoctor(ctx, id);
}
