import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { auditOf, clinicDb, create, twoClinics, type TwoClinics } from './fixtures';
import { addPayment, addReferral, addRelatedTables, rowsOf } from './related';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
  await addRelatedTables(t.a);
});
afterEach(async () => t.api.dispose());

async function pair() {
  const survivor = await create(t.a, { firstName: 'Ada', email: null, allergies: 'Penicillin', notes: null });
  const other = await create(t.a, { firstName: 'Adah', email: 'adah@example.org', allergies: 'Latex', notes: 'Wheelchair', nationalId: 'N-1' });
  return { survivor, other };
}

test("merging moves every related row to the survivor and archives the other record", async () => {
  const { survivor, other } = await pair();
  await addPayment(t.a, 'pay-1', other.id, 'cash');
  await addPayment(t.a, 'pay-2', survivor.id, 'card');
  await addReferral(t.a, 'ref-1', other.id, 'cardiology');

  const result = await t.a.ok('patients:merge', { survivorId: survivor.id, otherId: other.id });
  expect(result.moved).toEqual({ test_payments: 1, test_referrals: 1 });
  expect((await rowsOf(t.a, 'test_payments')).map((r) => r.patient_id)).toEqual([survivor.id, survivor.id]);
  expect((await rowsOf(t.a, 'test_referrals')).map((r) => r.referred_patient)).toEqual([survivor.id]);

  // the survivor keeps its values, gains what it lacked, and keeps both allergy lists
  expect(result.survivor).toMatchObject({ id: survivor.id, firstName: 'Ada', email: 'adah@example.org', nationalId: 'N-1', notes: 'Wheelchair' });
  expect(result.survivor.allergies).toBe(`Penicillin\n\n[From merged record ${other.mrn}]\nLatex`);

  const archived = await t.a.ok('patients:get', { id: other.id });
  expect(archived).toMatchObject({ state: 'merged', mergedInto: survivor.id });
  expect((await t.a.ok('patients:search', { q: 'adah' })).items.map((i) => i.id)).toEqual([]);
  expect((await t.a.ok('patients:search', { q: 'N-1' })).items.map((i) => i.id)).toEqual([survivor.id]);
  expect((await t.a.ok('patients:list', {})).items.map((i) => i.id)).toEqual([survivor.id]);
});

test('the merge is audited on both records', async () => {
  const { survivor, other } = await pair();
  await t.a.ok('patients:merge', { survivorId: survivor.id, otherId: other.id });
  const [merge] = (await auditOf(t.a, survivor.id)).filter((e) => e.action === 'merge');
  expect(JSON.parse(merge?.details ?? '{}')).toEqual({ mergedId: other.id, mergedMrn: other.mrn, moved: {} });
  expect(Object.keys(JSON.parse(merge?.changes ?? '{}')).sort()).toEqual(['allergies', 'email', 'national_id', 'notes']);
  expect((await auditOf(t.a, other.id)).map((e) => e.action)).toEqual(['create', 'archive']);
});

test('appointments of the other record move too', async () => {
  const { survivor, other } = await pair();
  await clinicDb(t.a, async (db) => {
    await sql`insert into doctors (id, full_name, created_at, updated_at) values ('d1', 'Dr Who', '2025-01-01', '2025-01-01')`.execute(db);
    await sql`insert into appointments (id, patient_id, doctor_id, start_at, end_at, minutes, status, created_at, updated_at)
      values ('ap1', ${other.id}, 'd1', '2025-03-25T09:00:00.000Z', '2025-03-25T09:30:00.000Z', 30, 'scheduled', 'x', 'x')`.execute(db);
  });
  const result = await t.a.ok('patients:merge', { survivorId: survivor.id, otherId: other.id });
  expect(result.moved).toEqual({ appointments: 1 });
});

test('records merged earlier into the other now point at the survivor', async () => {
  const { survivor, other } = await pair();
  const older = await create(t.a, { firstName: 'Addy' });
  await t.a.ok('patients:merge', { survivorId: other.id, otherId: older.id });
  await t.a.ok('patients:merge', { survivorId: survivor.id, otherId: other.id });
  expect((await t.a.ok('patients:get', { id: older.id })).mergedInto).toBe(survivor.id);
});

test('a failing move leaves both records exactly as they were', async () => {
  const { survivor, other } = await pair();
  await clinicDb(t.a, (db) => sql`create table test_cards (patient_id text not null unique references patients(id), card text)`.execute(db));
  await clinicDb(t.a, (db) => sql`insert into test_cards values (${survivor.id}, 'A'), (${other.id}, 'B')`.execute(db));
  await addPayment(t.a, 'pay-1', other.id, 'cash');
  await t.a.fail('patients:merge', { survivorId: survivor.id, otherId: other.id }, 'CONFLICT');
  expect((await rowsOf(t.a, 'test_payments')).map((r) => r.patient_id)).toEqual([other.id]);
  expect((await t.a.ok('patients:get', { id: other.id })).state).toBe('active');
  expect((await auditOf(t.a, survivor.id)).map((e) => e.action)).not.toContain('merge');
});

test('only two different, active patients of this clinic can be merged', async () => {
  const { survivor, other } = await pair();
  await t.a.fail('patients:merge', { survivorId: survivor.id, otherId: survivor.id }, 'VALIDATION');
  const inB = await create(t.b);
  await t.a.fail('patients:merge', { survivorId: survivor.id, otherId: inB.id }, 'NOT_FOUND');
  await t.a.ok('patients:delete', { id: other.id });
  await t.a.fail('patients:merge', { survivorId: survivor.id, otherId: other.id }, 'CONFLICT');
});
