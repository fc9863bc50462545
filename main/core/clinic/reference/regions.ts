import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { Region } from '../../../../preload/contract/channels/regions';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { changedFields } from '../audit';
import type { RegionRow, TenantDB } from '../schema';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import { containsText, deletedCondition, fetchPage, sortKey } from './list-query';
import { markDeleted, markRestored, notFound } from './soft-delete';

const toRegion = (r: RegionRow): Region => ({
  id: r.id,
  name: r.name,
  code: r.code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const SORT = { name: 'name', code: 'code', createdAt: 'created_at' } as const;

export async function listRegions(ctx: ClinicHandlerContext, input: ParsedInput<'regions:list'>) {
  let query = ctx.clinic.tenant.db.selectFrom('regions').selectAll();
  const deleted = deletedCondition(input.deleted);
  if (deleted) query = query.where('deleted_at', deleted, null);
  const q = input.q;
  if (q) query = query.where((eb) => eb.or([containsText('name', q), containsText('code', q)]));
  query = query.orderBy(sortKey(SORT[input.sort]), input.order).orderBy('id');
  const page = await fetchPage(query, input);
  return { ...page, items: page.items.map(toRegion) };
}

async function findRegion(db: Kysely<TenantDB>, id: string): Promise<RegionRow> {
  const row = await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('regions');
  return row;
}

export const getRegion = async (ctx: ClinicHandlerContext, id: string): Promise<Region> => toRegion(await findRegion(ctx.clinic.tenant.db, id));

/** Codes stay unique across deleted regions too, so a restored region never clashes. */
async function assertCodeFree(w: ClinicWrite, code: string, exceptId?: string): Promise<void> {
  let query = w.trx.selectFrom('regions').select('id').where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('CONFLICT', 'Another region already uses that code.', { code: 'Already in use.' });
}

export async function createRegion(ctx: ClinicHandlerContext, input: ParsedInput<'regions:create'>): Promise<Region> {
  const id = crypto.randomUUID();
  await clinicWrite(ctx, async (w) => {
    await assertCodeFree(w, input.code);
    const stamp = w.now.toISOString();
    await w.trx.insertInto('regions').values({ id, name: input.name, code: input.code, created_at: stamp, updated_at: stamp, deleted_at: null }).execute();
    await w.audit({ action: 'create', entity: 'region', entityId: id, details: { name: input.name, code: input.code } });
  });
  return getRegion(ctx, id);
}

export async function updateRegion(ctx: ClinicHandlerContext, input: ParsedInput<'regions:update'>): Promise<Region> {
  await clinicWrite(ctx, async (w) => {
    const before = await w.trx.selectFrom('regions').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!before) throw notFound('regions');
    const changes = changedFields(before, { name: input.name, code: input.code });
    if (!Object.keys(changes).length) return;
    if (input.code !== undefined && 'code' in changes) await assertCodeFree(w, input.code, input.id);
    await w.trx
      .updateTable('regions')
      .set({ name: input.name, code: input.code, updated_at: w.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    await w.audit({ action: 'update', entity: 'region', entityId: input.id, changes });
  });
  return getRegion(ctx, input.id);
}

export async function deleteRegion(ctx: ClinicHandlerContext, id: string): Promise<Region> {
  await clinicWrite(ctx, async (w) => {
    const inUse = await w.trx.selectFrom('hospitals').select('id').where('region_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (inUse) throw new AppError('CONFLICT', 'Hospitals still belong to this region; move or delete them first.');
    await markDeleted(w, 'regions', id);
  });
  return getRegion(ctx, id);
}

export async function restoreRegion(ctx: ClinicHandlerContext, id: string): Promise<Region> {
  await clinicWrite(ctx, (w) => markRestored(w, 'regions', id));
  return getRegion(ctx, id);
}
