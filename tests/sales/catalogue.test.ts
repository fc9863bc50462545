import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { twoClinics, type TwoClinics } from '../appointments/fixtures';
import { clinicDb } from '../patients/fixtures';
import { addProduct, addService } from '../payments/fixtures';

let t: TwoClinics;
beforeAll(async () => {
  t = await twoClinics();
}, 60_000);
afterAll(async () => t.api.dispose());

const auditOf = (id: string) => clinicDb(t.north, (db) => db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute());

describe('the catalogue', () => {
  test('holds products with stock and services without, priced in minor units with a tax rate in basis points', async () => {
    const product = await addProduct(t.north, { name: 'Sunscreen', code: 'SUN-50', priceMinor: 1495, taxRateBp: 1900, stock: 12 });
    expect(product).toMatchObject({ kind: 'product', name: 'Sunscreen', code: 'SUN-50', priceMinor: 1495, currency: 'EUR', taxRateBp: 1900, stock: 12, active: true });
    const service = await addService(t.north, { name: 'Dressing change', priceMinor: 2000 });
    expect(service).toMatchObject({ kind: 'service', stock: null, taxRateBp: 700 });
    expect((await t.north.ok('catalogue:create', { kind: 'product', name: 'Bare', priceMinor: 1 })).stock).toBe(0);
    const [create] = await auditOf(product.id);
    expect(create).toMatchObject({ action: 'create', entity: 'catalogue_item', user_id: t.north.userId });
  });

  test.each([
    [{ kind: 'service', stock: 3 }, 'stock', 'A service has no stock.'],
    [{ kind: 'thing' }, 'kind', 'Choose product or service.'],
    [{ priceMinor: -1 }, 'priceMinor', 'Cannot be negative.'],
    [{ priceMinor: 1.5 }, 'priceMinor', 'Use a whole number of minor units (cents).'],
    [{ taxRateBp: 10001 }, 'taxRateBp', 'Use at most 10000 (100 %).'],
    [{ taxRateBp: 19.5 }, 'taxRateBp', 'Use whole basis points (1900 for 19 %).'],
    [{ name: ' ' }, 'name', 'Required.'],
    [{ stock: -1 }, 'stock', 'Cannot be negative.'],
  ])('refuses %j beside %s', async (change, field, message) => {
    const error = await t.north.fail('catalogue:create', { kind: 'product', name: 'X', priceMinor: 100, ...change } as never, 'VALIDATION');
    expect(error.fields?.[field]).toBe(message);
  });

  test('codes are unique whatever the letter case', async () => {
    await addProduct(t.north, { code: 'GAUZE-1' });
    expect((await t.north.fail('catalogue:create', { kind: 'product', name: 'Other', code: 'gauze-1', priceMinor: 1 }, 'CONFLICT')).fields).toEqual({ code: 'Already in use.' });
    const other = await addProduct(t.north, { code: 'GAUZE-2' });
    await t.north.fail('catalogue:update', { id: other.id, code: 'Gauze-1' }, 'CONFLICT');
    // the other clinic has its own codes
    await addProduct(t.south, { code: 'GAUZE-1' });
  });

  test('lists with a search, filters, sorting and pages', async () => {
    const fresh = await twoClinics();
    try {
      await addProduct(fresh.north, { name: 'Bandage', code: 'B-1', priceMinor: 300, stock: 5 });
      await addProduct(fresh.north, { name: 'antiseptic', code: 'A-1', priceMinor: 900, stock: 1, active: false });
      await addService(fresh.north, { name: 'Consultation', priceMinor: 5000 });
      const names = async (input: Record<string, unknown>) => (await fresh.north.ok('catalogue:list', input)).items.map((i) => i.name);
      expect(await names({})).toEqual(['antiseptic', 'Bandage', 'Consultation']);
      expect(await names({ sort: 'price', order: 'desc' })).toEqual(['Consultation', 'antiseptic', 'Bandage']);
      expect(await names({ kind: 'product' })).toEqual(['antiseptic', 'Bandage']);
      expect(await names({ active: true })).toEqual(['Bandage', 'Consultation']);
      expect(await names({ q: 'b-1' })).toEqual(['Bandage']);
      expect(await names({ q: 'sul' })).toEqual(['Consultation']);
      expect(await fresh.north.ok('catalogue:list', { pageSize: 2, page: 2 })).toMatchObject({ total: 3, items: [{ name: 'Consultation' }] });
      expect((await fresh.south.ok('catalogue:list', {})).total).toBe(0);
    } finally {
      await fresh.api.dispose();
    }
  });

  test('updates are audited with old and new values; stock is not changed by an update', async () => {
    const item = await addProduct(t.north, { name: 'Gel', priceMinor: 700 });
    const updated = await t.north.ok('catalogue:update', { id: item.id, priceMinor: 750, active: false });
    expect(updated).toMatchObject({ priceMinor: 750, active: false, stock: 10 });
    const entries = await auditOf(item.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(JSON.parse(entries[1]!.changes!)).toEqual({ price_minor: [700, 750], active: [1, 0] });
    await t.north.fail('catalogue:update', { id: item.id, stock: 99 } as never, 'VALIDATION');
  });

  test('items are deactivated, never deleted; another clinic’s item is not found', async () => {
    const item = await addProduct(t.north);
    await expect(clinicDb(t.north, (db) => db.deleteFrom('catalogue_items').where('id', '=', item.id).execute())).rejects.toThrow(/deactivated/);
    await t.south.fail('catalogue:get', { id: item.id }, 'NOT_FOUND');
    await t.south.fail('catalogue:update', { id: item.id, name: 'Mine' }, 'NOT_FOUND');
    await t.south.fail('catalogue:adjustStock', { id: item.id, delta: 1, reason: 'x' }, 'NOT_FOUND');
  });
});

describe('stock adjustments', () => {
  test('add and remove stock, audited with the reason and recorded in the ledger', async () => {
    const item = await addProduct(t.north, { stock: 2 });
    expect((await t.north.ok('catalogue:adjustStock', { id: item.id, delta: 10, reason: 'Delivery 4471' })).stock).toBe(12);
    expect((await t.north.ok('catalogue:adjustStock', { id: item.id, delta: -3, reason: 'Broken' })).stock).toBe(9);
    const entries = (await auditOf(item.id)).filter((e) => e.action === 'stock');
    expect(entries.map((e) => [JSON.parse(e.changes!), JSON.parse(e.details!)])).toEqual([
      [{ stock: [2, 12] }, { delta: 10, reason: 'Delivery 4471' }],
      [{ stock: [12, 9] }, { delta: -3, reason: 'Broken' }],
    ]);
    const moves = await t.north.ok('catalogue:movements', { itemId: item.id });
    expect(moves.items.map((m) => [m.kind, m.delta, m.stockAfter, m.note, m.by.userId])).toEqual([
      ['adjustment', -3, 9, 'Broken', t.north.userId],
      ['adjustment', 10, 12, 'Delivery 4471', t.north.userId],
      ['initial', 2, 2, null, t.north.userId],
    ]);
  });

  test('never take stock below zero, and name the item', async () => {
    const item = await addProduct(t.north, { name: 'Syringes', stock: 4 });
    const error = await t.north.fail('catalogue:adjustStock', { id: item.id, delta: -5, reason: 'Count' }, 'CONFLICT');
    expect(error).toMatchObject({ message: 'Not enough stock of Syringes: 4 left.', fields: { delta: 'Only 4 in stock.' } });
    expect((await t.north.ok('catalogue:get', { id: item.id })).stock).toBe(4);
    await expect(clinicDb(t.north, (db) => db.updateTable('catalogue_items').set({ stock: -1 }).where('id', '=', item.id).execute())).rejects.toThrow(/CHECK/);
  });

  test('racing removals never go below zero together', async () => {
    const item = await addProduct(t.north, { stock: 5 });
    const results = await Promise.all(Array.from({ length: 4 }, () => t.north.call('catalogue:adjustStock', { id: item.id, delta: -2, reason: 'Count' })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect((await t.north.ok('catalogue:get', { id: item.id })).stock).toBe(1);
  });

  test('a service has no stock to adjust; zero is not an adjustment', async () => {
    const service = await addService(t.north);
    await t.north.fail('catalogue:adjustStock', { id: service.id, delta: 1, reason: 'x' }, 'CONFLICT');
    const item = await addProduct(t.north);
    expect((await t.north.fail('catalogue:adjustStock', { id: item.id, delta: 0, reason: 'x' }, 'VALIDATION')).fields).toEqual({ delta: 'Use a number other than zero.' });
  });
});
