import { addDoctor, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';
import { addProduct, addService, at } from '../payments/fixtures';

/**
 * A small clinic day by day, in Europe/Berlin (UTC+1 until Sunday 30 March 2025, then UTC+2),
 * with events placed on both sides of local midnight so that every report must cut days in the
 * clinic's zone, not in UTC. The expected rows in reports.test.ts are worked out from this list.
 */
export interface Dataset extends TwoClinics {
  desk: SignedIn;
  adams: string;
  baker: string;
}

export async function buildDataset(): Promise<Dataset> {
  const t = await twoClinics(new Date('2025-03-24T10:00:00Z'));
  const { north, south, clock } = t;
  const desk = await asRole(north, 'front_desk', { fullName: 'Zed Desk' });
  const people = [north, desk, south];
  const adams = (await addDoctor(north, { fullName: 'Dr Adams' })).id;
  const baker = (await addDoctor(north, { fullName: 'Dr Baker' })).id;

  // patients: three registered now (the 24th), one at 23:59 on the 23rd, one at midnight starting the 24th,
  // one on 1 April; a merged duplicate and a deleted record that do not count
  const patient = async (first: string, last: string) => {
    const r = await north.ok('patients:create', { firstName: first, lastName: last, dob: '1980-01-01', confirmDuplicate: true });
    if (r.status !== 'created') throw new Error('not created');
    return r.patient.id;
  };
  const p1 = await patient('Ann', 'One');
  const p2 = await patient('Ben', 'Two');
  const dup = await patient('Ann', 'Onee');
  await north.ok('patients:merge', { survivorId: p1, otherId: dup });
  await north.ok('patients:delete', { id: await patient('Del', 'Eted') });
  await at(clock, '2025-03-23T22:59:00Z', people);
  await patient('Late', 'Sunday');
  await at(clock, '2025-03-23T23:00:00Z', people);
  await patient('Early', 'Monday');
  await at(clock, '2025-03-31T22:30:00Z', people); // 00:30 on 1 April, summer time
  await patient('April', 'First');
  await south.ok('patients:create', { firstName: 'South', lastName: 'Only', dob: '1980-01-01', confirmDuplicate: true });

  // visits
  const visit = async (when: string, patientId: string, doctorId: string, feeMinor: number, outcome: 'completed' | 'no_show' | 'cancelled' | 'scheduled') => {
    await at(clock, when, people);
    const a = await north.ok('appointments:book', { patientId, doctorId, start: when, feeMinor, force: true });
    if (outcome === 'cancelled') await north.ok('appointments:cancel', { id: a.id, by: 'patient', reason: 'Away' });
    if (outcome === 'no_show') await north.ok('appointments:setStatus', { id: a.id, status: 'no_show' });
    if (outcome === 'completed') for (const status of ['arrived', 'in_progress', 'completed'] as const) await north.ok('appointments:setStatus', { id: a.id, status });
  };
  await visit('2025-03-23T22:30:00Z', p1, adams, 1000, 'completed'); // 23:30 Sunday 23rd
  await visit('2025-03-23T23:30:00Z', p2, adams, 2000, 'completed'); // 00:30 Monday 24th
  await visit('2025-03-24T08:00:00Z', p2, adams, 7777, 'no_show');
  await visit('2025-03-26T09:00:00Z', p1, adams, 9999, 'scheduled');
  await visit('2025-03-25T09:00:00Z', p1, baker, 3000, 'completed');
  await visit('2025-03-25T10:00:00Z', p2, baker, 8888, 'cancelled');
  await visit('2025-03-31T21:30:00Z', p1, baker, 4000, 'completed'); // 23:30 Monday 31st, summer time
  await visit('2025-03-31T22:30:00Z', p2, baker, 5000, 'completed'); // 00:30 Tuesday 1 April
  const southDoctor = (await addDoctor(south)).id;
  const southPatient = (await south.ok('patients:list', {})).items[0]!.id;
  await south.ok('appointments:book', { patientId: southPatient, doctorId: southDoctor, start: '2025-03-24T09:00:00Z', feeMinor: 123, force: true });

  // the till on Monday the 24th, and just either side of it
  const pay = async (when: string, who: SignedIn, amountMinor: number, method: 'cash' | 'card') => {
    await at(clock, when, people);
    return (await who.ok('payments:create', { patientId: p1, amountMinor, method })).id;
  };
  const sundayCash = await pay('2025-03-23T22:59:00Z', north, 999, 'cash'); // 23:59 on the 23rd
  await pay('2025-03-23T23:00:00Z', north, 1000, 'cash'); // midnight: the 24th
  const card = await pay('2025-03-24T12:00:00Z', desk, 2500, 'card');
  await pay('2025-03-24T22:59:00Z', desk, 700, 'cash'); // 23:59 on the 24th
  await pay('2025-03-24T23:00:00Z', north, 400, 'cash'); // midnight: the 25th
  await at(clock, '2025-03-24T15:00:00Z', people);
  await north.ok('payments:refund', { paymentId: card, amountMinor: 300, reason: 'Overcharged' });
  await north.ok('payments:refund', { paymentId: sundayCash, amountMinor: 100, method: 'cash', reason: 'Change' });
  await south.ok('payments:create', { patientId: southPatient, amountMinor: 5555, method: 'cash' });
  // the short day the clocks go forward: 23 hours, from 23:00 UTC on the 29th to 22:00 UTC on the 30th
  await pay('2025-03-29T22:59:00Z', north, 1, 'cash');
  await pay('2025-03-29T23:00:00Z', north, 10, 'cash');
  await pay('2025-03-30T21:59:00Z', north, 20, 'cash');
  await pay('2025-03-30T22:00:00Z', north, 40, 'cash');

  // sales
  const cream = await addProduct(north, { name: 'Cream', priceMinor: 1000, taxRateBp: 1900, stock: 100 });
  const gel = await addProduct(north, { name: 'Gel', priceMinor: 200, taxRateBp: 1900, stock: 100 });
  const consult = await addService(north, { name: 'Consultation', priceMinor: 5000, taxRateBp: 0 });
  const formula = await addService(north, { name: '=HYPERLINK("http://x")', priceMinor: 1, taxRateBp: 0 });
  const sell = async (when: string, lines: { itemId: string; quantity: number }[]) => {
    await at(clock, when, people);
    return desk.ok('sales:create', { lines });
  };
  await sell('2025-03-23T22:59:00Z', [{ itemId: consult.id, quantity: 10 }]); // the 23rd
  await sell('2025-03-24T12:00:00Z', [
    { itemId: cream.id, quantity: 3 },
    { itemId: consult.id, quantity: 1 },
  ]);
  await sell('2025-03-24T13:00:00Z', [
    { itemId: cream.id, quantity: 1 },
    { itemId: gel.id, quantity: 5 },
    { itemId: formula.id, quantity: 1 },
  ]);
  const voided = await sell('2025-03-24T14:00:00Z', [{ itemId: gel.id, quantity: 50 }]);
  await north.ok('sales:void', { id: voided.id, reason: 'Entered twice' });
  const southItem = await addProduct(south, { name: 'Gel' });
  await south.ok('sales:create', { lines: [{ itemId: southItem.id, quantity: 9 }] });

  await at(clock, '2025-04-02T10:00:00Z', people);
  return { ...t, desk, adams, baker };
}
