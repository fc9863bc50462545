import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { clinicDb } from '../patients/fixtures';
import { addProduct, completedVisit } from './fixtures';

let t: TwoClinics;
let doctorId: string;
let patientId: string;
beforeAll(async () => {
  t = await twoClinics();
  doctorId = (await addDoctor(t.north)).id;
  patientId = await addPatient(t.north);
}, 60_000);
afterAll(async () => t.api.dispose());

const pay = (amountMinor = 1000, extra: Record<string, unknown> = {}) => t.north.ok('payments:create', { patientId, amountMinor, method: 'cash', ...extra });
const receiptSeq = (n: string) => Number(n.replace(/^R-/, ''));

describe('taking a payment', () => {
  test('records the amount in the clinic currency, the method, the reference, who took it and when', async () => {
    const receipt = await pay(4250, { method: 'card', reference: ' slip 0042 ' });
    expect(receipt).toMatchObject({
      patientId,
      amountMinor: 4250,
      currency: 'EUR',
      method: 'card',
      reference: 'slip 0042',
      receivedAt: t.clock.now().toISOString(),
      localReceivedAt: '2025-03-24T11:00:00+01:00',
      receivedBy: { userId: t.north.userId, name: 'North Clinic Admin' },
      refundedMinor: 0,
      refundableMinor: 4250,
      clinicName: 'North Clinic',
      appointment: null,
      refunds: [],
    });
    expect(receipt.receiptNumber).toMatch(/^R-\d{6}$/);
    expect(await t.north.ok('payments:get', { id: receipt.id })).toEqual(receipt);
  });

  test('is audited in the same transaction, naming the person', async () => {
    const receipt = await pay(10);
    const entries = await clinicDb(t.north, (db) => db.selectFrom('audit_log').selectAll().where('entity_id', '=', receipt.id).execute());
    expect(entries).toMatchObject([{ action: 'create', entity: 'payment', user_id: t.north.userId }]);
    expect(JSON.parse(entries[0]!.details!)).toMatchObject({ receiptNumber: receipt.receiptNumber, amountMinor: 10, patientId });
  });

  test('for an appointment: only one of this patient’s', async () => {
    const visit = await t.north.ok('appointments:book', { patientId, doctorId, start: '2025-03-25T09:00:00Z' });
    const receipt = await pay(500, { appointmentId: visit.id });
    expect(receipt.appointment).toMatchObject({ id: visit.id, localStart: '2025-03-25T10:00:00+01:00', doctorName: expect.stringMatching(/^Dr Test/) });

    const other = await addPatient(t.north, 'Bea');
    const error = await t.north.fail('payments:create', { patientId: other, appointmentId: visit.id, amountMinor: 500, method: 'cash' }, 'VALIDATION');
    expect(error.fields).toEqual({ appointmentId: "Choose one of this patient's appointments." });
    // an appointment of the other clinic is not found here either
    const southPatient = await addPatient(t.south);
    const southDoctor = await addDoctor(t.south);
    const southVisit = await t.south.ok('appointments:book', { patientId: southPatient, doctorId: southDoctor.id, start: '2025-03-25T09:00:00Z' });
    expect((await t.north.fail('payments:create', { patientId, appointmentId: southVisit.id, amountMinor: 500, method: 'cash' }, 'VALIDATION')).fields).toHaveProperty('appointmentId');
  });

  test('a patient of another clinic does not exist here', async () => {
    const southPatient = await addPatient(t.south);
    await t.north.fail('payments:create', { patientId: southPatient, amountMinor: 100, method: 'cash' }, 'NOT_FOUND');
  });

  test.each([
    [{ amountMinor: 0 }, 'amountMinor', 'Must be more than zero.'],
    [{ amountMinor: -5 }, 'amountMinor', 'Cannot be negative.'],
    [{ amountMinor: 10.5 }, 'amountMinor', 'Use a whole number of minor units (cents).'],
    [{ amountMinor: '10' }, 'amountMinor', expect.any(String)],
    [{ method: 'bitcoin' }, 'method', 'Choose cash, card, transfer, insurance or other.'],
    [{ patientId: 'nope' }, 'patientId', 'Choose an existing record.'],
    [{ reference: 'x'.repeat(121) }, 'reference', 'Use at most 120 characters.'],
    [{ receiptNumber: 'R-999999' }, '_', expect.any(String)],
  ])('refuses %j with a message beside %s, and takes no number', async (change, field, message) => {
    const before = (await pay(1)).receiptNumber;
    const error = await t.north.fail('payments:create', { patientId, amountMinor: 100, method: 'cash', ...change } as never, 'VALIDATION');
    expect(error.fields?.[field]).toEqual(message);
    expect(receiptSeq((await pay(1)).receiptNumber)).toBe(receiptSeq(before) + 1);
  });
});

describe('receipt numbers', () => {
  test('run 1, 2, 3 … in each clinic on its own', async () => {
    const fresh = await twoClinics();
    try {
      const [a, b] = [await addPatient(fresh.north), await addPatient(fresh.south)];
      const north = [];
      for (let i = 0; i < 3; i++) north.push((await fresh.north.ok('payments:create', { patientId: a, amountMinor: 100, method: 'cash' })).receiptNumber);
      const south = (await fresh.south.ok('payments:create', { patientId: b, amountMinor: 100, method: 'cash' })).receiptNumber;
      expect(north).toEqual(['R-000001', 'R-000002', 'R-000003']);
      expect(south).toBe('R-000001');
    } finally {
      await fresh.api.dispose();
    }
  });

  test('stay unique and without gaps when many payments are taken at once', async () => {
    const start = receiptSeq((await pay(1)).receiptNumber);
    const receipts = await Promise.all(Array.from({ length: 25 }, (_, i) => t.north.call('payments:create', { patientId, amountMinor: 100 + i, method: 'cash' })));
    const numbers = receipts.map((r) => (r.ok ? receiptSeq(r.value.receiptNumber) : NaN)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => start + 1 + i));
  });

  test('are never reused: the database refuses to wind the counter back', async () => {
    await expect(clinicDb(t.north, (db) => sql`update document_numbers set last_value = 1 where kind = 'receipt'`.execute(db))).rejects.toThrow(/only go up/);
    await expect(clinicDb(t.north, (db) => sql`delete from document_numbers`.execute(db))).rejects.toThrow(/cannot be removed/);
  });
});

describe('refunds', () => {
  test('are linked entries with their own numbers, by method, and never more than was paid', async () => {
    const receipt = await pay(1000, { method: 'card' });
    const first = await t.north.ok('payments:refund', { paymentId: receipt.id, amountMinor: 300, reason: 'Overcharged' });
    expect(first).toMatchObject({ refundedMinor: 300, refundableMinor: 700 });
    expect(first.refunds).toMatchObject([{ amountMinor: 300, method: 'card', reason: 'Overcharged', refundedBy: { userId: t.north.userId } }]);
    expect(first.refunds[0]!.refundNumber).toMatch(/^RF-\d{6}$/);

    const cash = await t.north.ok('payments:refund', { paymentId: receipt.id, amountMinor: 200, reason: 'Cash back', method: 'cash' });
    expect(cash.refunds.map((r) => r.method)).toEqual(['card', 'cash']);

    const refused = await t.north.fail('payments:refund', { paymentId: receipt.id, amountMinor: 501, reason: 'Too much' }, 'CONFLICT');
    expect(refused.message).toBe('Refunds cannot exceed the payment: EUR 5.00 is left to refund.');
    expect(refused.fields).toEqual({ amountMinor: 'At most EUR 5.00.' });

    const full = await t.north.ok('payments:refund', { paymentId: receipt.id, amountMinor: 500, reason: 'Rest' });
    expect(full).toMatchObject({ refundedMinor: 1000, refundableMinor: 0 });
    expect((await t.north.fail('payments:refund', { paymentId: receipt.id, amountMinor: 1, reason: 'More' }, 'CONFLICT')).message).toBe('This payment was refunded in full.');
    expect((await t.north.ok('payments:get', { id: receipt.id })).refunds).toHaveLength(3);
  });

  test('racing each other still never exceed the payment', async () => {
    const receipt = await pay(100);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.north.call('payments:refund', { paymentId: receipt.id, amountMinor: 30, reason: 'Race' })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await t.north.ok('payments:get', { id: receipt.id })).toMatchObject({ refundedMinor: 90, refundableMinor: 10 });
  });

  test('the database itself refuses a refund past the payment, whoever writes it', async () => {
    const receipt = await pay(100);
    const insert = (id: string, amount: number) =>
      clinicDb(t.north, (db) =>
        db
          .insertInto('refunds')
          .values({ id, refund_number: `RF-X${id.slice(0, 6)}`, payment_id: receipt.id, amount_minor: amount, method: 'cash', reason: 'direct', refunded_at: new Date().toISOString(), refunded_by: null, refunded_by_name: null })
          .execute(),
      );
    await insert(crypto.randomUUID(), 60);
    await expect(insert(crypto.randomUUID(), 41)).rejects.toThrow(/cannot exceed/);
  });

  test('of an unknown payment, or one of another clinic, are not found', async () => {
    const southPatient = await addPatient(t.south);
    const south = await t.south.ok('payments:create', { patientId: southPatient, amountMinor: 100, method: 'cash' });
    await t.north.fail('payments:refund', { paymentId: south.id, amountMinor: 1, reason: 'x' }, 'NOT_FOUND');
    await t.north.fail('payments:get', { id: south.id }, 'NOT_FOUND');
    await t.north.fail('payments:refund', { paymentId: crypto.randomUUID(), amountMinor: 1, reason: 'x' }, 'NOT_FOUND');
    expect((await t.north.fail('payments:refund', { paymentId: south.id, amountMinor: 1, reason: '  ' }, 'VALIDATION')).fields).toEqual({ reason: 'Required.' });
  });

  test('are audited against the payment', async () => {
    const receipt = await pay(100);
    await t.north.ok('payments:refund', { paymentId: receipt.id, amountMinor: 40, reason: 'Audit me' });
    const entries = await clinicDb(t.north, (db) => db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', receipt.id).orderBy('id').execute());
    expect(entries.map((e) => e.action)).toEqual(['create', 'refund']);
    expect(JSON.parse(entries[1]!.details!)).toMatchObject({ amountMinor: 40, receiptNumber: receipt.receiptNumber });
  });
});

describe('financial records are never removed or rewritten', () => {
  test('the database refuses to delete a payment or a refund, or to change an amount', async () => {
    const receipt = await pay(100);
    await t.north.ok('payments:refund', { paymentId: receipt.id, amountMinor: 10, reason: 'x' });
    await expect(clinicDb(t.north, (db) => db.deleteFrom('payments').where('id', '=', receipt.id).execute())).rejects.toThrow(/not deleted/);
    await expect(clinicDb(t.north, (db) => db.updateTable('payments').set({ amount_minor: 1 }).where('id', '=', receipt.id).execute())).rejects.toThrow(/cannot be changed/);
    await expect(clinicDb(t.north, (db) => db.deleteFrom('refunds').where('payment_id', '=', receipt.id).execute())).rejects.toThrow(/cannot be removed/);
    await expect(clinicDb(t.north, (db) => db.updateTable('refunds').set({ amount_minor: 1 }).where('payment_id', '=', receipt.id).execute())).rejects.toThrow(/cannot be changed/);
  });
});

describe('listing payments', () => {
  test('filters by patient, method and clinic dates, with pages and a total', async () => {
    const fresh = await twoClinics();
    try {
      const [a, b] = [await addPatient(fresh.north), await addPatient(fresh.north)];
      const take = (patient: string, amountMinor: number, method: 'cash' | 'card') => fresh.north.ok('payments:create', { patientId: patient, amountMinor, method });
      // 23:30 on Sunday 23 March in Berlin is still the 23rd there, though 22:30 UTC
      fresh.clock.set(new Date('2025-03-23T22:30:00Z'));
      await take(a, 100, 'cash');
      fresh.clock.set(new Date('2025-03-23T23:30:00Z')); // 00:30 on the 24th in Berlin
      await take(a, 200, 'card');
      await take(b, 300, 'cash');
      await take(a, 400, 'cash');
      await fresh.south.ok('payments:create', { patientId: await addPatient(fresh.south), amountMinor: 999, method: 'cash' });

      const amounts = async (input: Record<string, unknown>) => (await fresh.north.ok('payments:list', { sort: 'amount', ...input })).items.map((p) => p.amountMinor);
      expect(await amounts({})).toEqual([100, 200, 300, 400]);
      expect(await amounts({ patientId: a })).toEqual([100, 200, 400]);
      expect(await amounts({ method: 'cash' })).toEqual([100, 300, 400]);
      expect(await amounts({ from: '2025-03-24' })).toEqual([200, 300, 400]);
      expect(await amounts({ to: '2025-03-23' })).toEqual([100]);
      expect(await amounts({ from: '2025-03-24', to: '2025-03-24', method: 'cash', patientId: a })).toEqual([400]);
      const page = await fresh.north.ok('payments:list', { sort: 'receiptNumber', order: 'desc', page: 2, pageSize: 3 });
      expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page.items.map((p) => p.receiptNumber)).toEqual(['R-000001']);
      expect((await fresh.north.fail('payments:list', { from: '2025-03-24', to: '2025-03-23' }, 'VALIDATION')).fields).toEqual({ to: 'Use a date on or after the start.' });
    } finally {
      await fresh.api.dispose();
    }
  });
});

describe('a patient’s balance', () => {
  test('is completed visits’ fees and sales not voided, less payments, plus refunds', async () => {
    const p = await addPatient(t.north, 'Cleo');
    const zero = { appointmentChargesMinor: 0, saleChargesMinor: 0, chargesMinor: 0, paymentsMinor: 0, refundsMinor: 0, balanceMinor: 0 };
    expect(await t.north.ok('payments:balance', { patientId: p })).toEqual({ patientId: p, currency: 'EUR', ...zero });

    await completedVisit(t.north, p, doctorId, '2025-03-20T08:00:00Z', 5000);
    await completedVisit(t.north, p, doctorId, '2025-03-20T09:00:00Z', 2500);
    // not charges: a visit still to come, a cancelled one
    await t.north.ok('appointments:book', { patientId: p, doctorId, start: '2025-03-26T09:00:00Z', feeMinor: 9000 });
    const cancelled = await t.north.ok('appointments:book', { patientId: p, doctorId, start: '2025-03-26T10:00:00Z', feeMinor: 9000 });
    await t.north.ok('appointments:cancel', { id: cancelled.id, by: 'patient', reason: 'Away' });

    const item = await addProduct(t.north, { priceMinor: 1000, taxRateBp: 1900 });
    await t.north.ok('sales:create', { patientId: p, lines: [{ itemId: item.id, quantity: 1 }] }); // 1190
    const voided = await t.north.ok('sales:create', { patientId: p, lines: [{ itemId: item.id, quantity: 2 }] });
    await t.north.ok('sales:void', { id: voided.id, reason: 'Wrong patient' });
    await t.north.ok('sales:create', { lines: [{ itemId: item.id, quantity: 1 }] }); // a walk-in's, not hers

    const paid = await t.north.ok('payments:create', { patientId: p, amountMinor: 4000, method: 'card' });
    await t.north.ok('payments:refund', { paymentId: paid.id, amountMinor: 600, reason: 'Goodwill' });
    await t.north.ok('payments:create', { patientId: await addPatient(t.north), amountMinor: 777, method: 'cash' });
    await t.south.ok('payments:create', { patientId: await addPatient(t.south), amountMinor: 888, method: 'cash' });

    expect(await t.north.ok('payments:balance', { patientId: p })).toEqual({
      patientId: p,
      currency: 'EUR',
      appointmentChargesMinor: 7500,
      saleChargesMinor: 1190,
      chargesMinor: 8690,
      paymentsMinor: 4000,
      refundsMinor: 600,
      balanceMinor: 8690 - 4000 + 600,
    });
  });

  test('paid in full, or paid too much, shows zero or a credit', async () => {
    const p = await addPatient(t.north, 'Dora');
    await completedVisit(t.north, p, doctorId, '2025-03-21T08:00:00Z', 3000);
    await t.north.ok('payments:create', { patientId: p, amountMinor: 3000, method: 'cash' });
    expect((await t.north.ok('payments:balance', { patientId: p })).balanceMinor).toBe(0);
    await t.north.ok('payments:create', { patientId: p, amountMinor: 500, method: 'cash' });
    expect((await t.north.ok('payments:balance', { patientId: p })).balanceMinor).toBe(-500);
  });

  test('follows the patient through a merge, and is not found for another clinic’s patient', async () => {
    const [survivor, other] = [await addPatient(t.north, 'Erin'), await addPatient(t.north, 'Erin')];
    await completedVisit(t.north, other, doctorId, '2025-03-21T09:00:00Z', 1200);
    await t.north.ok('payments:create', { patientId: other, amountMinor: 200, method: 'cash' });
    await t.north.ok('patients:merge', { survivorId: survivor, otherId: other });
    expect(await t.north.ok('payments:balance', { patientId: survivor })).toMatchObject({ chargesMinor: 1200, paymentsMinor: 200, balanceMinor: 1000 });
    await t.north.fail('payments:balance', { patientId: await addPatient(t.south) }, 'NOT_FOUND');
  });
});
