import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { asRole, expectError, expectOk, signInAs } from '../helpers/api';
import { addPatient, doctorAndPatient, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
});
afterEach(async () => t.api.dispose());

describe('booking', () => {
  test('takes the start as an instant or as wall-clock time in the clinic zone, length defaulting to the doctor’s', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, start: '2025-03-25T09:00:00Z', reason: 'Check-up', feeMinor: 4500 });
    expect(a).toMatchObject({
      start: '2025-03-25T09:00:00.000Z',
      end: '2025-03-25T09:30:00.000Z',
      localStart: '2025-03-25T10:00:00+01:00',
      localEnd: '2025-03-25T10:30:00+01:00',
      minutes: 30,
      status: 'scheduled',
      reason: 'Check-up',
      feeMinor: 4500,
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      doctorName: doctor.fullName,
    });
    expect(a.patientName).toMatch(/^Ada /);
    const b = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T10:30', minutes: 15 });
    expect(b).toMatchObject({ start: '2025-03-25T09:30:00.000Z', end: '2025-03-25T09:45:00.000Z', minutes: 15 });
  });

  test('a wall-clock time the clocks skip is refused with a message on localStart', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north, { workingHours: { sun: [{ start: '00:00', end: '24:00' }] } });
    const error = await t.north.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-30T02:30' }, 'VALIDATION');
    expect(error.fields?.localStart).toMatch(/does not exist/);
    const after = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-30T03:00' });
    expect(after.start).toBe('2025-03-30T01:00:00.000Z');
  });

  test('refuses an unknown doctor or patient with per-field messages, and an inactive doctor', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const missing = '00000000-0000-4000-8000-000000000000';
    const noDoctor = await t.north.fail('appointments:book', { patientId, doctorId: missing, start: '2025-03-25T09:00:00Z' }, 'VALIDATION');
    expect(noDoctor.fields).toEqual({ doctorId: 'Choose an existing doctor.' });
    const noPatient = await t.north.fail('appointments:book', { patientId: missing, doctorId: doctor.id, start: '2025-03-25T09:00:00Z' }, 'VALIDATION');
    expect(noPatient.fields).toEqual({ patientId: 'Choose an existing patient.' });
    // a deleted patient record is refused with the reason
    const gone = await addPatient(t.north, 'Gone');
    await t.north.ok('patients:delete', { id: gone });
    const deleted = await t.north.fail('appointments:book', { patientId: gone, doctorId: doctor.id, start: '2025-03-25T09:00:00Z' }, 'CONFLICT');
    expect(deleted.message).toMatch(/deleted/);
    const both = await t.north.fail('appointments:book', { patientId, doctorId: doctor.id, start: '2025-03-25T09:00:00Z', localStart: '2025-03-25T10:00' } as never, 'VALIDATION');
    expect(Object.keys(both.fields ?? {})).toEqual(['localStart']);
    await t.north.ok('doctors:update', { id: doctor.id, active: false });
    await t.north.fail('appointments:book', { patientId, doctorId: doctor.id, start: '2025-03-25T09:00:00Z' }, 'CONFLICT');
  });

  test('a doctor or patient of the other clinic cannot be booked here', async () => {
    const north = await doctorAndPatient(t.north);
    const south = await doctorAndPatient(t.south);
    await t.south.fail('appointments:book', { patientId: south.patientId, doctorId: north.doctor.id, start: '2025-03-25T09:00:00Z' }, 'VALIDATION');
    await t.south.fail('appointments:book', { patientId: north.patientId, doctorId: south.doctor.id, start: '2025-03-25T09:00:00Z' }, 'VALIDATION');
    // the same times in both clinics do not clash: they are different doctors in different files
    await t.north.ok('appointments:book', { patientId: north.patientId, doctorId: north.doctor.id, start: '2025-03-25T09:00:00Z' });
    await t.south.ok('appointments:book', { patientId: south.patientId, doctorId: south.doctor.id, start: '2025-03-25T09:00:00Z' });
    expect((await t.south.ok('appointments:list', {})).total).toBe(1);
  });
});

describe('double booking', () => {
  test('an overlapping appointment for the same doctor is refused; back-to-back is fine', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const other = await addPatient(t.north, 'Grace');
    const base = { doctorId: doctor.id, minutes: 30 };
    await t.north.ok('appointments:book', { ...base, patientId, start: '2025-03-25T09:00:00Z' });
    for (const start of ['2025-03-25T09:00:00Z', '2025-03-25T09:29:00Z', '2025-03-25T08:31:00Z']) {
      const error = await t.north.fail('appointments:book', { ...base, patientId: other, start }, 'CONFLICT');
      expect(error.fields).toEqual({ start: 'Overlaps another appointment.' });
    }
    // a longer one around it is refused too
    await t.north.fail('appointments:book', { ...base, patientId: other, start: '2025-03-25T08:45:00Z', minutes: 60 }, 'CONFLICT');
    await t.north.ok('appointments:book', { ...base, patientId: other, start: '2025-03-25T09:30:00Z' });
    await t.north.ok('appointments:book', { ...base, patientId: other, start: '2025-03-25T08:30:00Z' });
  });

  test('a cancelled or no-show appointment frees the time; a deleted one too, until restored', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const slot = { patientId, doctorId: doctor.id, start: '2025-03-25T09:00:00Z' };
    const first = await t.north.ok('appointments:book', slot);
    await t.north.ok('appointments:cancel', { id: first.id, by: 'patient', reason: 'Travelling' });
    const second = await t.north.ok('appointments:book', slot);
    await t.north.ok('appointments:delete', { id: second.id });
    const third = await t.north.ok('appointments:book', slot);
    // restoring the deleted one now would double-book
    await t.north.fail('appointments:restore', { id: second.id }, 'CONFLICT');
    await t.north.ok('appointments:cancel', { id: third.id, by: 'clinic', reason: 'Doctor ill' });
    expect((await t.north.ok('appointments:restore', { id: second.id })).deletedAt).toBeNull();

    // an hour ago (the clock stands at 11:00): the patient never came
    const missed = { patientId, doctorId: doctor.id, localStart: '2025-03-24T10:00' };
    const noShow = await t.north.ok('appointments:book', missed);
    await t.north.ok('appointments:setStatus', { id: noShow.id, status: 'no_show' });
    await t.north.ok('appointments:book', missed);
  });

  test('concurrent overlapping bookings: exactly one succeeds', async () => {
    const { doctor } = await doctorAndPatient(t.north);
    const patientIds = await Promise.all(['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay'].map((n) => addPatient(t.north, n)));
    const desk = await asRole(t.north, 'front_desk');
    const starts = ['2025-03-26T10:00:00Z', '2025-03-26T10:10:00Z', '2025-03-26T09:45:00Z', '2025-03-26T10:00:00Z', '2025-03-26T10:20:00Z', '2025-03-26T09:35:00Z'];
    const results = await Promise.all(
      patientIds.map((patientId, i) => (i % 2 ? desk : t.north).call('appointments:book', { patientId, doctorId: doctor.id, start: starts[i]! })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expectError(r, 'CONFLICT');
    const booked = await t.north.ok('appointments:list', { doctorId: doctor.id });
    expect(booked.total).toBe(1);
  });
});

describe('working hours', () => {
  test('outside working hours is refused; a manager may force it, the front desk may not', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const desk = await asRole(t.north, 'front_desk');
    const manager = await asRole(t.north, 'manager');
    // 08:30 Berlin is before 09:00; 16:45 + 30 min runs past 17:00; Saturday is a day off
    for (const localStart of ['2025-03-25T08:30', '2025-03-25T16:45', '2025-03-29T10:00']) {
      const error = await desk.fail('appointments:book', { patientId, doctorId: doctor.id, localStart }, 'CONFLICT');
      expect(error.fields).toEqual({ start: 'Outside working hours.' });
      await desk.fail('appointments:book', { patientId, doctorId: doctor.id, localStart, force: true }, 'FORBIDDEN');
      await manager.fail('appointments:book', { patientId, doctorId: doctor.id, localStart }, 'CONFLICT');
    }
    const forced = await manager.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-29T10:00', force: true });
    expect(forced.status).toBe('scheduled');
    const audit = await t.north.ok('audit:list', { entity: 'appointment', entityId: forced.id });
    expect(audit.items[0]?.details).toMatchObject({ outsideWorkingHours: true });
    // force never allows a double booking
    await manager.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-29T10:15', force: true }, 'CONFLICT');
    // inside working hours, force is simply not needed, whoever asks
    await desk.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T16:30', force: true });
  });

  test('ranges that touch make one stretch, also across midnight', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north, {
      workingHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }, { start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '02:00' }] },
      defaultAppointmentMinutes: 60,
    });
    await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-24T11:30' });
    await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-24T23:30' });
    await t.north.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T01:30' }, 'CONFLICT');
  });
});

describe('reschedule and update', () => {
  test('moves a scheduled appointment under the same rules, audited with old and new times', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const other = await doctorAndPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T10:00' });
    const b = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T11:00' });
    await t.north.fail('appointments:reschedule', { id: a.id, localStart: '2025-03-25T11:15' }, 'CONFLICT');
    await t.north.fail('appointments:reschedule', { id: a.id, localStart: '2025-03-25T18:00' }, 'CONFLICT');
    // overlapping itself is fine: it moves by 15 minutes
    const moved = await t.north.ok('appointments:reschedule', { id: a.id, localStart: '2025-03-25T10:15' });
    expect(moved.localStart).toBe('2025-03-25T10:15:00+01:00');
    const toOther = await t.north.ok('appointments:reschedule', { id: b.id, localStart: '2025-03-25T11:00', doctorId: other.doctor.id, minutes: 45 });
    expect(toOther).toMatchObject({ doctorId: other.doctor.id, minutes: 45 });
    const entries = await t.north.ok('audit:list', { entityId: a.id, action: 'reschedule' });
    expect(entries.items[0]?.changes).toEqual({
      start_at: ['2025-03-25T09:00:00.000Z', '2025-03-25T09:15:00.000Z'],
      end_at: ['2025-03-25T09:30:00.000Z', '2025-03-25T09:45:00.000Z'],
    });
    await t.north.ok('appointments:setStatus', { id: a.id, status: 'arrived' });
    await t.north.fail('appointments:reschedule', { id: a.id, localStart: '2025-03-25T12:00' }, 'CONFLICT');
  });

  test('reason and fee change with an audit entry; the fee is fixed once completed', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-24T10:00', feeMinor: 5000 });
    const updated = await t.north.ok('appointments:update', { id: a.id, reason: 'Follow-up', feeMinor: 6000 });
    expect(updated).toMatchObject({ reason: 'Follow-up', feeMinor: 6000 });
    const entries = await t.north.ok('audit:list', { entityId: a.id, action: 'update' });
    expect(entries.items[0]?.changes).toEqual({ reason: [null, 'Follow-up'], fee_minor: [5000, 6000] });
    await t.north.fail('appointments:update', { id: a.id, feeMinor: -1 }, 'VALIDATION');
    await t.north.fail('appointments:update', { id: a.id, feeMinor: 10.5 }, 'VALIDATION');
    for (const status of ['arrived', 'in_progress', 'completed'] as const) await t.north.ok('appointments:setStatus', { id: a.id, status });
    await t.north.fail('appointments:update', { id: a.id, feeMinor: 1000 }, 'CONFLICT');
    expect((await t.north.ok('appointments:update', { id: a.id, reason: 'Annual check' })).reason).toBe('Annual check');
    await t.north.fail('appointments:delete', { id: a.id }, 'CONFLICT');
  });
});

describe('permissions', () => {
  test('viewers and doctors read the book but cannot change it; only managers restore', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const viewer = await asRole(t.north, 'viewer');
    const doc = await asRole(t.north, 'doctor');
    const desk = await asRole(t.north, 'front_desk');
    const a = await desk.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T10:00' });
    for (const who of [viewer, doc]) {
      expect((await who.ok('appointments:get', { id: a.id })).id).toBe(a.id);
      await who.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T12:00' }, 'FORBIDDEN');
      await who.fail('appointments:cancel', { id: a.id, by: 'clinic', reason: 'x' }, 'FORBIDDEN');
    }
    await desk.ok('appointments:delete', { id: a.id });
    await desk.fail('appointments:restore', { id: a.id }, 'FORBIDDEN');
    expectOk(await (await asRole(t.north, 'manager')).call('appointments:restore', { id: a.id }));
  });

  test('once the subscription has lapsed the book can be read but not changed', async () => {
    const { doctor, patientId } = await doctorAndPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-04-28T10:00' });
    t.clock.advanceDays(31); // past the 30-day trial
    const owner = await signInAs(t.api, t.north.email, t.north.password);
    await owner.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-04-28T11:00' }, 'SUBSCRIPTION_READ_ONLY');
    await owner.fail('appointments:cancel', { id: a.id, by: 'clinic', reason: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    await owner.fail('doctors:update', { id: doctor.id, specialty: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    expect((await owner.ok('appointments:schedule', { date: '2025-04-28' })).days[0]!.appointments.map((x) => x.id)).toEqual([a.id]);
    expect((await owner.ok('audit:list', { entityId: a.id })).total).toBe(1);
  });
});
