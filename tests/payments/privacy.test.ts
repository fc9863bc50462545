import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDoctor, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { clinicDb } from '../patients/fixtures';
import { addProduct, completedVisit } from './fixtures';

let t: TwoClinics;
let doctorId: string;
beforeAll(async () => {
  t = await twoClinics();
  doctorId = (await addDoctor(t.north)).id;
}, 60_000);
afterAll(async () => t.api.dispose());

let visits = 0;
async function patientWithMoney() {
  const created = await t.north.ok('patients:create', { firstName: 'Iris', lastName: 'Money', dob: '1970-05-05', confirmDuplicate: true });
  if (created.status !== 'created') throw new Error('not created');
  const { id, mrn } = created.patient;
  await completedVisit(t.north, id, doctorId, `2025-03-20T0${++visits}:00:00Z`, 4000);
  const item = await addProduct(t.north, { priceMinor: 1000, taxRateBp: 0 });
  const sale = await t.north.ok('sales:create', { patientId: id, lines: [{ itemId: item.id, quantity: 1 }], note: 'Asked for the fragrance-free one', payment: { method: 'card' } });
  const voided = await t.north.ok('sales:create', { patientId: id, lines: [{ itemId: item.id, quantity: 1 }] });
  await t.north.ok('sales:void', { id: voided.id, reason: 'Patient changed her mind about her rash cream' });
  const payment = await t.north.ok('payments:create', { patientId: id, amountMinor: 2500, method: 'cash', reference: 'Till 2' });
  await t.north.ok('payments:refund', { paymentId: payment.id, amountMinor: 500, reason: 'Insurance covered the dermatology part' });
  return { id, mrn, sale, payment };
}

test('a patient’s export holds their payments, refunds, sales and sale lines', async () => {
  const { id, sale, payment } = await patientWithMoney();
  const exported = await t.north.ok('patients:export', { id });
  const related = JSON.parse(exported.json).related as Record<string, { id: unknown }[]>;
  expect(related.payments?.map((p) => p.id)).toEqual(expect.arrayContaining([payment.id, sale.payments[0]!.id]));
  expect(related.refunds).toHaveLength(1);
  expect(related.sales).toHaveLength(2);
  expect(related.sale_lines).toHaveLength(2);
});

test('erasure keeps every amount, so the balance still adds up, and clears the free text in them', async () => {
  const { id, mrn, payment } = await patientWithMoney();
  const before = await t.north.ok('payments:balance', { patientId: id });
  expect(before.balanceMinor).toBe(4000 + 1000 - 1000 - 2500 + 500);
  await t.north.ok('patients:erase', { id, confirmMrn: mrn });
  expect(await t.north.ok('payments:balance', { patientId: id })).toEqual(before);
  const receipt = await t.north.ok('payments:get', { id: payment.id });
  expect(receipt).toMatchObject({ patientName: null, patientMrn: mrn, amountMinor: 2500, refundedMinor: 500 });
  expect(receipt.refunds[0]!.reason).toBe('');
  const sales = await clinicDb(t.north, (db) => db.selectFrom('sales').select(['note', 'void_reason', 'total_minor']).where('patient_id', '=', id).execute());
  expect(sales).toEqual([
    { note: null, void_reason: null, total_minor: 1000 },
    { note: null, void_reason: null, total_minor: 1000 },
  ]);
});
