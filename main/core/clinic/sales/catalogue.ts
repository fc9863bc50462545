import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../../../preload/contract';
import type { CatalogueItem, StockMovement } from '../../../../preload/contract/channels/catalogue';
import type { Page } from '../../../../preload/contract/channels/common';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { changedFields } from '../audit';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import { containsText, fetchPage, sortKey } from '../reference/list-query';
import type { TenantDB } from '../schema';
import type { CatalogueItemRow } from './schema';
import { moveStock } from './stock';

const ENTITY = 'catalogue_item';

const toCatalogueItem = (r: CatalogueItemRow, currency: string): CatalogueItem => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  code: r.code,
  priceMinor: r.price_minor,
  currency,
  taxRateBp: r.tax_rate_bp,
  stock: r.stock,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const itemNotFound = (): AppError => new AppError('NOT_FOUND', 'That catalogue item was not found.');

async function findItem(db: Kysely<TenantDB>, id: string): Promise<Selectable<CatalogueItemRow>> {
  const row = await db.selectFrom('catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw itemNotFound();
  return row;
}

const SORT = { name: 'name', code: 'code', price: 'price_minor', stock: 'stock' } as const;

export async function listCatalogue(ctx: ClinicHandlerContext, input: ParsedInput<'catalogue:list'>): Promise<Page<CatalogueItem>> {
  let query = ctx.clinic.tenant.db.selectFrom('catalogue_items').selectAll();
  const q = input.q;
  if (q) query = query.where((eb) => eb.or([containsText('name', q), containsText('code', q)]));
  if (input.kind) query = query.where('kind', '=', input.kind);
  if (input.active !== undefined) query = query.where('active', '=', input.active ? 1 : 0);
  query = query.orderBy(sortKey(SORT[input.sort]), input.order).orderBy(sortKey('name')).orderBy('id');
  const page = await fetchPage(query, input);
  return { ...page, items: page.items.map((r) => toCatalogueItem(r, ctx.clinic.currency)) };
}

export const getCatalogueItem = async (ctx: ClinicHandlerContext, id: string): Promise<CatalogueItem> =>
  toCatalogueItem(await findItem(ctx.clinic.tenant.db, id), ctx.clinic.currency);

/** Codes are what a scanner or a quick search types: unique, whatever the letter case. */
async function assertCodeFree(w: ClinicWrite, code: string | null, exceptId: string): Promise<void> {
  if (!code) return;
  const clash = await w.trx
    .selectFrom('catalogue_items')
    .select('id')
    .where(sql<boolean>`code = ${code} collate nocase`)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'Another item already uses that code.', { code: 'Already in use.' });
}

export async function createCatalogueItem(ctx: ClinicHandlerContext, input: ParsedInput<'catalogue:create'>): Promise<CatalogueItem> {
  const id = crypto.randomUUID();
  await clinicWrite(ctx, async (w) => {
    await assertCodeFree(w, input.code, id);
    const stamp = w.now.toISOString();
    const values = {
      kind: input.kind,
      name: input.name,
      code: input.code,
      price_minor: input.priceMinor,
      tax_rate_bp: input.taxRateBp,
      active: input.active ? 1 : 0,
    };
    // a product starts empty and its opening stock goes through the ledger like any other change
    await w.trx
      .insertInto('catalogue_items')
      .values({ id, ...values, stock: input.kind === 'product' ? 0 : null, created_at: stamp, updated_at: stamp })
      .execute();
    if (input.kind === 'product' && input.stock) await moveStock(w, { item: { id, name: input.name }, delta: input.stock, kind: 'initial' });
    await w.audit({ action: 'create', entity: ENTITY, entityId: id, details: { ...values, stock: input.kind === 'product' ? (input.stock ?? 0) : null } });
  });
  return getCatalogueItem(ctx, id);
}

/** Price and tax changes apply to sales made from now on; past sales keep what they charged. */
export async function updateCatalogueItem(ctx: ClinicHandlerContext, input: ParsedInput<'catalogue:update'>): Promise<CatalogueItem> {
  await clinicWrite(ctx, async (w) => {
    const before = await findItem(w.trx, input.id);
    const patch = {
      name: input.name,
      code: input.code,
      price_minor: input.priceMinor,
      tax_rate_bp: input.taxRateBp,
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
    };
    const changes = changedFields(before, patch);
    if (!Object.keys(changes).length) return;
    if ('code' in changes) await assertCodeFree(w, patch.code ?? null, input.id);
    await w.trx
      .updateTable('catalogue_items')
      .set({ ...patch, updated_at: w.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    await w.audit({ action: 'update', entity: ENTITY, entityId: input.id, changes });
  });
  return getCatalogueItem(ctx, input.id);
}

/** A delivery, a stock count or breakage: audited, recorded in the ledger, never below zero. */
export async function adjustStock(ctx: ClinicHandlerContext, input: ParsedInput<'catalogue:adjustStock'>): Promise<CatalogueItem> {
  await clinicWrite(ctx, async (w) => {
    const item = await findItem(w.trx, input.id);
    if (item.kind !== 'product') throw new AppError('CONFLICT', 'A service has no stock.', { id: 'Choose a product.' });
    const after = await moveStock(w, { item, delta: input.delta, kind: 'adjustment', note: input.reason, field: 'delta' });
    await w.audit({
      action: 'stock',
      entity: ENTITY,
      entityId: item.id,
      changes: { stock: [item.stock, after] },
      details: { delta: input.delta, reason: input.reason },
    });
  });
  return getCatalogueItem(ctx, input.id);
}

export async function listStockMovements(ctx: ClinicHandlerContext, input: ParsedInput<'catalogue:movements'>): Promise<Page<StockMovement>> {
  const db = ctx.clinic.tenant.db;
  await findItem(db, input.itemId);
  const query = db.selectFrom('stock_movements').selectAll().where('item_id', '=', input.itemId).orderBy('id', 'desc');
  const page = await fetchPage(query, input);
  return {
    ...page,
    items: page.items.map((m) => ({
      id: m.id,
      itemId: m.item_id,
      delta: m.delta,
      stockAfter: m.stock_after,
      kind: m.kind,
      note: m.note,
      saleId: m.sale_id,
      at: m.at,
      by: { userId: m.user_id, name: m.user_name },
    })),
  };
}
