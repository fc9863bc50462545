import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Hospital } from '../../../../preload/contract/channels/hospitals';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { changedFields } from '../audit';
import type { TenantDB } from '../schema';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import { containsText, deletedCondition, fetchPage, sortKey } from './list-query';
import { markDeleted, markRestored, notFound } from './soft-delete';

const hospitalsWithRegion = (db: Kysely<TenantDB>) =>
  db.selectFrom('hospitals as h').leftJoin('regions as r', 'r.id', 'h.region_id').selectAll('h').select('r.name as region_name');

type HospitalJoined = Awaited<ReturnType<ReturnType<typeof hospitalsWithRegion>['executeTakeFirstOrThrow']>>;

const toHospital = (r: HospitalJoined): Hospital => ({
  id: r.id,
  name: r.name,
  regionId: r.region_id,
  regionName: r.region_name,
  address: r.address,
  phone: r.phone,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const SORT = { name: 'h.name', createdAt: 'h.created_at' } as const;

export async function listHospitals(ctx: ClinicHandlerContext, input: ParsedInput<'hospitals:list'>) {
  let query = hospitalsWithRegion(ctx.clinic.tenant.db);
  const deleted = deletedCondition(input.deleted);
  if (deleted) query = query.where('h.deleted_at', deleted, null);
  if (input.q) query = query.where(containsText('h.name', input.q));
  if (input.regionId) query = query.where('h.region_id', '=', input.regionId);
  query = query.orderBy(sortKey(SORT[input.sort]), input.order).orderBy('h.id');
  const page = await fetchPage(query, input);
  return { ...page, items: page.items.map(toHospital) };
}

export async function getHospital(ctx: ClinicHandlerContext, id: string): Promise<Hospital> {
  const row = await hospitalsWithRegion(ctx.clinic.tenant.db).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('hospitals');
  return toHospital(row);
}

async function assertRegionUsable(w: ClinicWrite, regionId: string | null | undefined): Promise<void> {
  if (!regionId) return;
  const region = await w.trx.selectFrom('regions').select('id').where('id', '=', regionId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!region) throw new AppError('VALIDATION', 'Some fields need attention.', { regionId: 'Choose an existing region.' });
}

export async function createHospital(ctx: ClinicHandlerContext, input: ParsedInput<'hospitals:create'>): Promise<Hospital> {
  const id = crypto.randomUUID();
  await clinicWrite(ctx, async (w) => {
    await assertRegionUsable(w, input.regionId);
    const stamp = w.now.toISOString();
    const values = { name: input.name, region_id: input.regionId, address: input.address, phone: input.phone };
    await w.trx
      .insertInto('hospitals')
      .values({ id, ...values, created_at: stamp, updated_at: stamp, deleted_at: null })
      .execute();
    await w.audit({ action: 'create', entity: 'hospital', entityId: id, details: values });
  });
  return getHospital(ctx, id);
}

export async function updateHospital(ctx: ClinicHandlerContext, input: ParsedInput<'hospitals:update'>): Promise<Hospital> {
  await clinicWrite(ctx, async (w) => {
    const before = await w.trx.selectFrom('hospitals').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!before) throw notFound('hospitals');
    const patch = { name: input.name, region_id: input.regionId, address: input.address, phone: input.phone };
    const changes = changedFields(before, patch);
    if (!Object.keys(changes).length) return;
    if ('region_id' in changes) await assertRegionUsable(w, input.regionId);
    await w.trx
      .updateTable('hospitals')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    await w.audit({ action: 'update', entity: 'hospital', entityId: input.id, changes });
  });
  return getHospital(ctx, input.id);
}

export async function deleteHospital(ctx: ClinicHandlerContext, id: string): Promise<Hospital> {
  await clinicWrite(ctx, async (w) => {
    const inUse = await w.trx.selectFrom('doctors').select('id').where('hospital_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (inUse) throw new AppError('CONFLICT', 'Doctors still work at this hospital; move or delete them first.');
    await markDeleted(w, 'hospitals', id);
  });
  return getHospital(ctx, id);
}

export async function restoreHospital(ctx: ClinicHandlerContext, id: string): Promise<Hospital> {
  await clinicWrite(ctx, async (w) => {
    const row = await w.trx
      .selectFrom('hospitals as h')
      .leftJoin('regions as r', 'r.id', 'h.region_id')
      .select('r.deleted_at as region_deleted_at')
      .where('h.id', '=', id)
      .executeTakeFirst();
    if (row?.region_deleted_at) throw new AppError('CONFLICT', 'Its region is deleted; restore the region first.');
    await markRestored(w, 'hospitals', id);
  });
  return getHospital(ctx, id);
}
