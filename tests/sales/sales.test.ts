import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';
import { clinicDb } from '../patients/fixtures';
import { addProduct, addService } from '../payments/fixtures';

let t: TwoClinics;
let desk: SignedIn;
let manager: SignedIn;
let patientId: string;
beforeAll(async () => {
  t = await twoClinics();
  desk = await asRole(t.north, 'front_desk');
  manager = await asRole(t.north, 'manager');
  patientId = await addPatient(t.north);
}, 60_000);
afterAll(async () => t.api.dispose());

const stockOf = async (id: string) => (await t.north.ok('catalogue:get', { id })).stock;
const saleSeq = (n: string) => Number(n.replace(/^S-/, ''));
const lastSaleNumber = async () => (await t.north.ok('sales:list', { sort: 'saleNumber', order: 'desc', pageSize: 1 })).items[0]?.saleNumber ?? 'S-000000';

describe('totals are computed in main', () => {
  test('per line: gross, discount, net, tax half up, total; the sale sums its lines', async () => {
    const cream = await addProduct(t.north, { name: 'Cream', priceMinor: 1999, taxRateBp: 1900, stock: 10 });
    const consult = await addService(t.north, { name: 'Consultation', priceMinor: 2500, taxRateBp: 700 });
    const sale = await desk.ok('sales:create', {
      patientId,
      lines: [
        { itemId: cream.id, quantity: 3, discount: { type: 'percent', basisPoints: 1000 } },
        { itemId: consult.id, quantity: 1, discount: { type: 'amount', amountMinor: 300 } },
      ],
    });
    // 3 × 19.99 = 59.97; 10 % = 5.997 → 6.00; 53.97 net; 19 % = 10.2543 → 10.25; 64.22
    expect(sale.lines[0]).toMatchObject({ lineNo: 1, itemName: 'Cream', kind: 'product', quantity: 3, unitPriceMinor: 1999, grossMinor: 5997, discountMinor: 600, netMinor: 5397, taxRateBp: 1900, taxMinor: 1025, totalMinor: 6422, priceOverridden: false });
    // 25.00 − 3.00 = 22.00; 7 % = 1.54; 23.54
    expect(sale.lines[1]).toMatchObject({ lineNo: 2, kind: 'service', grossMinor: 2500, discountMinor: 300, netMinor: 2200, taxMinor: 154, totalMinor: 2354 });
    expect(sale).toMatchObject({ currency: 'EUR', grossMinor: 8497, discountMinor: 900, netMinor: 7597, taxMinor: 1179, totalMinor: 8776, status: 'completed', patientId, paidMinor: 0 });
    expect(sale.soldBy).toEqual({ userId: desk.userId, name: desk.session.user.fullName });
  });

  test.each([
    // net, rate → tax: exactly half rounds up, just under half rounds down
    [25, 1000, 3],
    [24, 1000, 2],
    [5, 1000, 1],
    [4, 1000, 0],
    [1, 5000, 1],
    [0, 1900, 0],
  ])('tax on a net of %i at %i bp is %i', async (price, rate, tax) => {
    const item = await addService(t.north, { priceMinor: price, taxRateBp: rate });
    const quote = await desk.ok('sales:preview', { lines: [{ itemId: item.id, quantity: 1 }] });
    expect(quote).toMatchObject({ netMinor: price, taxMinor: tax, totalMinor: price + tax });
  });

  test('a percentage discount rounds half up in minor units; 100 % makes a line free', async () => {
    const item = await addService(t.north, { priceMinor: 5, taxRateBp: 0 });
    const quote = await desk.ok('sales:preview', {
      lines: [
        { itemId: item.id, quantity: 1, discount: { type: 'percent', basisPoints: 5000 } }, // 2.5 → 3
        { itemId: item.id, quantity: 1, discount: { type: 'percent', basisPoints: 10000 } },
      ],
    });
    expect(quote.lines.map((l) => [l.discountMinor, l.totalMinor])).toEqual([
      [3, 2],
      [5, 0],
    ]);
  });

  test('the preview is what the sale comes to', async () => {
    const item = await addProduct(t.north, { priceMinor: 1234, taxRateBp: 1900 });
    const lines = [{ itemId: item.id, quantity: 2, discount: { type: 'amount' as const, amountMinor: 99 } }];
    const quote = await desk.ok('sales:preview', { lines });
    const sale = await desk.ok('sales:create', { lines });
    expect(pickTotals(sale)).toEqual(pickTotals(quote));
    expect(sale.lines).toEqual(quote.lines);
  });

  test('totals or line amounts sent by the screen are refused, and nothing is sold', async () => {
    const item = await addProduct(t.north, { stock: 5 });
    const before = await lastSaleNumber();
    const tries = [
      { lines: [{ itemId: item.id, quantity: 1 }], totalMinor: 1 },
      { lines: [{ itemId: item.id, quantity: 1, totalMinor: 1 }] },
      { lines: [{ itemId: item.id, quantity: 1, taxMinor: 0 }] },
      { lines: [{ itemId: item.id, quantity: 1 }], taxMinor: 0, discountMinor: 0 },
    ];
    for (const input of tries) await desk.fail('sales:create', input as never, 'VALIDATION');
    expect(await stockOf(item.id)).toBe(5);
    expect(await lastSaleNumber()).toBe(before);
  });

  test('a discount larger than its line is refused beside it', async () => {
    const item = await addService(t.north, { priceMinor: 100 });
    const error = await desk.fail('sales:create', { lines: [{ itemId: item.id, quantity: 2, discount: { type: 'amount', amountMinor: 201 } }] }, 'VALIDATION');
    expect(error.fields).toEqual({ 'lines.0.discount.amountMinor': 'More than the line comes to.' });
    expect((await desk.fail('sales:create', { lines: [{ itemId: item.id, quantity: 1, discount: { type: 'percent', basisPoints: 10001 } }] }, 'VALIDATION')).fields).toHaveProperty(['lines.0.discount.basisPoints']);
  });

  test('an absurdly large sale is refused rather than rounded', async () => {
    const item = await addService(t.north, { priceMinor: 1_000_000_000_000 });
    const error = await desk.fail('sales:preview', { lines: [{ itemId: item.id, quantity: 100_000 }] }, 'VALIDATION');
    expect(error.fields).toEqual({ 'lines.0.quantity': 'The amount is too large.' });
  });
});

function pickTotals(sale: { currency: string; grossMinor: number; discountMinor: number; netMinor: number; taxMinor: number; totalMinor: number }) {
  const { currency, grossMinor, discountMinor, netMinor, taxMinor, totalMinor } = sale;
  return { currency, grossMinor, discountMinor, netMinor, taxMinor, totalMinor };
}

describe('prices come from the catalogue', () => {
  test('a different unit price is an override only managers may make; the list price is kept beside it', async () => {
    const item = await addProduct(t.north, { priceMinor: 1000, taxRateBp: 0 });
    const error = await desk.fail('sales:create', { lines: [{ itemId: item.id, quantity: 1, unitPriceMinor: 1 }] }, 'FORBIDDEN');
    expect(error.fields).toEqual({ 'lines.0.unitPriceMinor': 'Only a manager can change a price.' });
    // the catalogue's own price is not an override
    expect((await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1, unitPriceMinor: 1000 }] })).totalMinor).toBe(1000);
    const sale = await manager.ok('sales:create', { lines: [{ itemId: item.id, quantity: 2, unitPriceMinor: 750 }] });
    expect(sale.lines[0]).toMatchObject({ listPriceMinor: 1000, unitPriceMinor: 750, priceOverridden: true, totalMinor: 1500 });
    const audit = await clinicDb(t.north, (db) => db.selectFrom('audit_log').select('details').where('entity_id', '=', sale.id).executeTakeFirstOrThrow());
    expect(JSON.parse(audit.details!).lines).toEqual([{ itemId: item.id, quantity: 2, unitPriceMinor: 750, priceOverridden: true }]);
  });

  test('a price change applies from then on; past sales keep what they charged', async () => {
    const item = await addService(t.north, { priceMinor: 1000, taxRateBp: 0 });
    const old = await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] });
    await manager.ok('catalogue:update', { id: item.id, priceMinor: 1500 });
    expect((await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] })).totalMinor).toBe(1500);
    expect((await desk.ok('sales:get', { id: old.id })).totalMinor).toBe(1000);
  });

  test('inactive items, unknown items and another clinic’s items cannot be sold', async () => {
    const retired = await addProduct(t.north, { name: 'Old balm', active: false });
    const south = await addProduct(t.south);
    const error = await desk.fail(
      'sales:create',
      { lines: [{ itemId: retired.id, quantity: 1 }, { itemId: south.id, quantity: 1 }, { itemId: crypto.randomUUID(), quantity: 1 }] },
      'VALIDATION',
    );
    expect(error.fields).toEqual({
      'lines.0.itemId': 'Old balm is no longer sold.',
      'lines.1.itemId': 'Choose an item from the catalogue.',
      'lines.2.itemId': 'Choose an item from the catalogue.',
    });
    expect((await t.south.ok('catalogue:get', { id: south.id })).stock).toBe(10);
  });

  test('a sale to a patient of another clinic is refused', async () => {
    const item = await addService(t.north);
    await desk.fail('sales:create', { patientId: await addPatient(t.south), lines: [{ itemId: item.id, quantity: 1 }] }, 'NOT_FOUND');
  });
});

describe('stock', () => {
  test('is taken off in the same transaction and never goes below zero', async () => {
    const item = await addProduct(t.north, { name: 'Plasters', stock: 3 });
    const before = await lastSaleNumber();
    await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 2 }] });
    expect(await stockOf(item.id)).toBe(1);
    const error = await desk.fail('sales:create', { lines: [{ itemId: item.id, quantity: 2 }] }, 'CONFLICT');
    expect(error.message).toBe('Not enough stock of Plasters: 1 left.');
    expect(error.fields).toEqual({ 'lines.0.quantity': 'Only 1 in stock.' });
    expect(await stockOf(item.id)).toBe(1);
    // the refused sale took no number
    expect(saleSeq(await lastSaleNumber())).toBe(saleSeq(before) + 1);
  });

  test('counts every line of the same item together, and rolls back the whole sale on a shortfall', async () => {
    const a = await addProduct(t.north, { name: 'Gauze', stock: 5 });
    const b = await addProduct(t.north, { name: 'Tape', stock: 3 });
    const error = await desk.fail(
      'sales:create',
      { lines: [{ itemId: a.id, quantity: 1 }, { itemId: b.id, quantity: 2 }, { itemId: b.id, quantity: 2 }] },
      'CONFLICT',
    );
    expect(error.message).toBe('Not enough stock of Tape: 3 left.');
    expect(error.fields).toEqual({ 'lines.1.quantity': 'Only 3 in stock.' });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([5, 3]);
  });

  test('the last unit goes to exactly one of several sales at once', async () => {
    const item = await addProduct(t.north, { name: 'Last one', stock: 1 });
    const results = await Promise.all([desk, manager, t.north, desk, manager].map((who) => who.call('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(!r.ok && r.error).toMatchObject({ code: 'CONFLICT', message: 'Not enough stock of Last one: 0 left.' });
    expect(await stockOf(item.id)).toBe(0);
  });

  test('services have no stock and sell without limit', async () => {
    const item = await addService(t.north);
    expect((await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 100_000 }] })).lines[0]!.quantity).toBe(100_000);
    expect(await stockOf(item.id)).toBeNull();
  });

  test('every change is in the ledger', async () => {
    const item = await addProduct(t.north, { stock: 4 });
    const sale = await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 3 }] });
    await manager.ok('sales:void', { id: sale.id, reason: 'Returned' });
    const moves = await t.north.ok('catalogue:movements', { itemId: item.id });
    expect(moves.items.map((m) => [m.kind, m.delta, m.stockAfter, m.saleId])).toEqual([
      ['void', 3, 4, sale.id],
      ['sale', -3, 1, sale.id],
      ['initial', 4, 4, null],
    ]);
  });
});

describe('sale numbers', () => {
  test('are sequential and unique under concurrent sales, and each clinic has its own', async () => {
    const item = await addService(t.north);
    const start = saleSeq(await lastSaleNumber());
    const results = await Promise.all(Array.from({ length: 12 }, () => desk.call('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] })));
    const numbers = results.map((r) => (r.ok ? saleSeq(r.value.saleNumber) : NaN)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => start + 1 + i));
    const southItem = await addService(t.south);
    const south = await t.south.ok('sales:create', { lines: [{ itemId: southItem.id, quantity: 1 }] });
    expect(south.saleNumber).toBe('S-000001');
  });
});

describe('paying at the counter', () => {
  test('records a payment of the total linked to the sale, with a receipt number', async () => {
    const item = await addProduct(t.north, { priceMinor: 1000, taxRateBp: 1900 });
    const sale = await desk.ok('sales:create', { patientId, lines: [{ itemId: item.id, quantity: 2 }], payment: { method: 'card', reference: 'T-55' } });
    expect(sale.paidMinor).toBe(2380);
    expect(sale.payments).toMatchObject([{ amountMinor: 2380, method: 'card', reference: 'T-55', patientId, saleId: sale.id, saleNumber: sale.saleNumber, receivedBy: { userId: desk.userId } }]);
    expect(sale.payments[0]!.receiptNumber).toMatch(/^R-\d{6}$/);
  });

  test('a walk-in needs no patient', async () => {
    const item = await addService(t.north, { priceMinor: 500, taxRateBp: 0 });
    const sale = await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }], payment: { method: 'cash' } });
    expect(sale.patientId).toBeNull();
    expect(sale.payments).toMatchObject([{ patientId: null, amountMinor: 500, method: 'cash' }]);
  });

  test('or later, against the patient’s sale; a voided sale takes no more payments', async () => {
    const item = await addService(t.north, { priceMinor: 800, taxRateBp: 0 });
    const sale = await desk.ok('sales:create', { patientId, lines: [{ itemId: item.id, quantity: 1 }] });
    await desk.ok('payments:create', { patientId, saleId: sale.id, amountMinor: 300, method: 'cash' });
    expect((await desk.ok('sales:get', { id: sale.id })).paidMinor).toBe(300);
    const other = await addPatient(t.north);
    expect((await desk.fail('payments:create', { patientId: other, saleId: sale.id, amountMinor: 1, method: 'cash' }, 'VALIDATION')).fields).toEqual({ saleId: "Choose one of this patient's sales." });
    await manager.ok('sales:void', { id: sale.id, reason: 'Mistake' });
    expect((await desk.fail('payments:create', { patientId, saleId: sale.id, amountMinor: 1, method: 'cash' }, 'VALIDATION')).fields).toEqual({ saleId: 'That sale was voided.' });
  });
});

describe('voiding a sale', () => {
  test('keeps the row, restores stock, refunds what was paid through it, and is audited', async () => {
    const item = await addProduct(t.north, { priceMinor: 1000, taxRateBp: 0, stock: 5 });
    const sale = await desk.ok('sales:create', { patientId, lines: [{ itemId: item.id, quantity: 2 }, { itemId: item.id, quantity: 1 }], payment: { method: 'cash' } });
    expect(await stockOf(item.id)).toBe(2);

    t.clock.advanceMinutes(5);
    const voided = await manager.ok('sales:void', { id: sale.id, reason: 'Customer returned everything' });
    expect(voided).toMatchObject({
      status: 'void',
      voidReason: 'Customer returned everything',
      voidedAt: t.clock.now().toISOString(),
      voidedBy: { userId: manager.userId },
      totalMinor: 3000,
      paidMinor: 0,
    });
    expect(voided.lines).toHaveLength(2);
    expect(voided.payments[0]).toMatchObject({ amountMinor: 3000, refundedMinor: 3000 });
    expect(await stockOf(item.id)).toBe(5);
    expect((await t.north.ok('payments:get', { id: voided.payments[0]!.id })).refunds).toMatchObject([{ amountMinor: 3000, method: 'cash', reason: `Sale ${sale.saleNumber} voided` }]);

    const entries = await clinicDb(t.north, (db) => db.selectFrom('audit_log').selectAll().where('entity_id', '=', sale.id).orderBy('id').execute());
    expect(entries.map((e) => [e.action, e.user_id])).toEqual([
      ['create', desk.userId],
      ['void', manager.userId],
    ]);
    expect(JSON.parse(entries[1]!.changes!)).toEqual({ status: ['completed', 'void'] });
    expect(JSON.parse(entries[1]!.details!)).toMatchObject({ restocked: { [item.id]: 3 }, refundedMinor: 3000 });

    expect((await manager.fail('sales:void', { id: sale.id, reason: 'Again' }, 'CONFLICT')).message).toBe(`Sale ${sale.saleNumber} is already void.`);
    expect(await stockOf(item.id)).toBe(5);
  });

  test('needs the void permission and a reason; another clinic’s sale is not found', async () => {
    const item = await addService(t.north);
    const sale = await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] });
    await desk.fail('sales:void', { id: sale.id, reason: 'Mine' }, 'FORBIDDEN');
    expect((await manager.fail('sales:void', { id: sale.id, reason: '' }, 'VALIDATION')).fields).toEqual({ reason: 'Required.' });
    await t.south.fail('sales:void', { id: sale.id, reason: 'Theirs' }, 'NOT_FOUND');
    expect((await t.north.ok('sales:get', { id: sale.id })).status).toBe('completed');
  });

  test('the database refuses to delete a sale or a line, or to change what it charged', async () => {
    const item = await addService(t.north);
    const sale = await desk.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] });
    await expect(clinicDb(t.north, (db) => db.deleteFrom('sales').where('id', '=', sale.id).execute())).rejects.toThrow(/voided, not deleted/);
    await expect(clinicDb(t.north, (db) => db.deleteFrom('sale_lines').where('sale_id', '=', sale.id).execute())).rejects.toThrow(/cannot be removed/);
    await expect(clinicDb(t.north, (db) => db.updateTable('sales').set({ total_minor: 1, net_minor: 1, gross_minor: 1, tax_minor: 0, discount_minor: 0 }).where('id', '=', sale.id).execute())).rejects.toThrow(/cannot be changed/);
    await expect(clinicDb(t.north, (db) => db.updateTable('sale_lines').set({ quantity: 9 }).where('sale_id', '=', sale.id).execute())).rejects.toThrow(/cannot be changed/);
  });
});

describe('listing sales', () => {
  test('filters by patient, status and clinic dates', async () => {
    const fresh = await twoClinics();
    try {
      const item = await addService(fresh.north, { priceMinor: 100, taxRateBp: 0 });
      const p = await addPatient(fresh.north);
      const sell = (quantity: number, patient: string | null = null) => fresh.north.ok('sales:create', { patientId: patient, lines: [{ itemId: item.id, quantity }] });
      fresh.clock.set(new Date('2025-03-23T22:59:00Z')); // 23:59 on the 23rd in Berlin
      await sell(1);
      fresh.clock.set(new Date('2025-03-23T23:00:00Z')); // midnight: the 24th
      const voided = await sell(2, p);
      await sell(3, p);
      await fresh.north.ok('sales:void', { id: voided.id, reason: 'x' });
      const totals = async (input: Record<string, unknown>) => (await fresh.north.ok('sales:list', { sort: 'total', ...input })).items.map((s) => s.totalMinor);
      expect(await totals({})).toEqual([100, 200, 300]);
      expect(await totals({ to: '2025-03-23' })).toEqual([100]);
      expect(await totals({ from: '2025-03-24' })).toEqual([200, 300]);
      expect(await totals({ patientId: p, status: 'completed' })).toEqual([300]);
      expect(await totals({ status: 'void' })).toEqual([200]);
      expect((await fresh.north.ok('sales:list', { sort: 'saleNumber', order: 'desc' })).items.map((s) => s.saleNumber)).toEqual(['S-000003', 'S-000002', 'S-000001']);
    } finally {
      await fresh.api.dispose();
    }
  });
});
