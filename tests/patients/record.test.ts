import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';
import { auditOf } from './fixtures';

let t: TwoClinics;
let patientId: string;
let doctor: SignedIn;
beforeAll(async () => {
  t = await twoClinics();
  const doctorId = (await addDoctor(t.north)).id;
  patientId = await addPatient(t.north);
  for (const start of ['2025-03-25T09:00:00Z', '2025-03-26T09:00:00Z', '2025-03-27T09:00:00Z']) {
    await t.north.ok('appointments:book', { patientId, doctorId, start });
  }
  for (const amountMinor of [100, 200]) await t.north.ok('payments:create', { patientId, amountMinor, method: 'cash' });
  // another patient's rows must not show up in this record
  const other = await addPatient(t.north, 'Bea');
  await t.north.ok('appointments:book', { patientId: other, doctorId, start: '2025-03-25T10:00:00Z' });
  await t.north.ok('payments:create', { patientId: other, amountMinor: 999, method: 'cash' });
  doctor = await asRole(t.north, 'doctor');
}, 60_000);
afterAll(async () => t.api.dispose());

describe('a patient record in one call', () => {
  test('holds the patient and the first page of their own appointments and payments, newest first, as the lists give them', async () => {
    const record = await t.north.ok('patients:record', { id: patientId, pageSize: 2 });

    expect(record.patient).toEqual(await t.north.ok('patients:get', { id: patientId }));
    expect(record.appointments).toEqual(await t.north.ok('appointments:list', { patientId, pageSize: 2, order: 'desc' }));
    expect(record.payments).toEqual(await t.north.ok('payments:list', { patientId, pageSize: 2, order: 'desc' }));
    expect(record.appointments?.total).toBe(3);
    expect(record.appointments?.items.map((a) => a.start)).toEqual(['2025-03-27T09:00:00.000Z', '2025-03-26T09:00:00.000Z']);
    expect(record.payments?.items.map((p) => p.amountMinor)).toEqual([200, 100]);
  });

  test('is audited as opening the record, once', async () => {
    const before = (await auditOf(t.north, patientId)).length;
    await t.north.ok('patients:record', { id: patientId, pageSize: 50 });
    const after = await auditOf(t.north, patientId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ action: 'view', entity: 'patient' });
  });

  test('leaves out what the role may not read: a doctor sees appointments, not payments', async () => {
    const record = await doctor.ok('patients:record', { id: patientId, pageSize: 50 });
    expect(record.appointments?.total).toBe(3);
    expect(record.payments).toBeNull();
    await doctor.fail('payments:list', { patientId }, 'FORBIDDEN');
  });

  test('a patient of another clinic is not found, and nothing of theirs is read', async () => {
    const southPatient = await addPatient(t.south);
    await t.north.fail('patients:record', { id: southPatient, pageSize: 50 }, 'NOT_FOUND');
    expect((await t.south.ok('patients:record', { id: southPatient, pageSize: 50 })).appointments?.total).toBe(0);
  });

  test('refuses a page size out of range with a message beside it', async () => {
    const error = await t.north.fail('patients:record', { id: patientId, pageSize: 0 }, 'VALIDATION');
    expect(error.fields).toHaveProperty('pageSize');
  });
});
