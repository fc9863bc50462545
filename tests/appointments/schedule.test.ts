import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDoctor, addPatient, EVERY_DAY_9_TO_5, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
let patientId: string;
beforeAll(async () => {
  t = await twoClinics();
  patientId = await addPatient(t.north);
});
afterAll(async () => t.api.dispose());

const book = (doctorId: string, localStart: string, extra: { minutes?: number; force?: boolean } = {}) =>
  t.north.ok('appointments:book', { patientId, doctorId, localStart, ...extra });

describe('schedules in the clinic time zone', () => {
  test('a week across the spring clock change: each day from local midnight, Sunday 23 hours long', async () => {
    const doctor = await addDoctor(t.north, { workingHours: EVERY_DAY_9_TO_5 });
    const sat = await book(doctor.id, '2025-03-29T10:00');
    const sun = await book(doctor.id, '2025-03-30T10:00');
    // late Saturday evening and just after Sunday's midnight: the local date decides the day
    const satLate = await book(doctor.id, '2025-03-29T23:30', { force: true });
    const sunEarly = await book(doctor.id, '2025-03-30T00:15', { force: true });

    const week = await t.north.ok('appointments:schedule', { date: '2025-03-27', span: 'week', doctorId: doctor.id });
    expect(week.timezone).toBe('Europe/Berlin');
    expect(week.days.map((d) => d.date)).toEqual(['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30']);
    const [saturday, sunday] = week.days.slice(5);
    expect(saturday).toMatchObject({ start: '2025-03-28T23:00:00.000Z', end: '2025-03-29T23:00:00.000Z', localStart: '2025-03-29T00:00:00+01:00' });
    expect(sunday).toMatchObject({ start: '2025-03-29T23:00:00.000Z', end: '2025-03-30T22:00:00.000Z', localEnd: '2025-03-31T00:00:00+02:00' });
    expect(saturday!.appointments.map((a) => a.id)).toEqual([sat.id, satLate.id]);
    expect(sunday!.appointments.map((a) => a.id)).toEqual([sunEarly.id, sun.id]);
    // the same wall-clock hours on both sides of the change
    expect(sat.localStart).toBe('2025-03-29T10:00:00+01:00');
    expect(sun.localStart).toBe('2025-03-30T10:00:00+02:00');
    expect(sun.start).toBe('2025-03-30T08:00:00.000Z');
    expect(saturday!.workingHours[0]!.ranges).toEqual([
      { start: '2025-03-29T08:00:00.000Z', end: '2025-03-29T16:00:00.000Z', localStart: '2025-03-29T09:00:00+01:00', localEnd: '2025-03-29T17:00:00+01:00' },
    ]);
    expect(sunday!.workingHours[0]!.ranges[0]).toMatchObject({ start: '2025-03-30T07:00:00.000Z', localStart: '2025-03-30T09:00:00+02:00' });
  });

  test('the autumn clock change day is 25 hours long', async () => {
    const doctor = await addDoctor(t.north, { workingHours: EVERY_DAY_9_TO_5 });
    const a = await book(doctor.id, '2025-10-26T09:00');
    const day = await t.north.ok('appointments:schedule', { date: '2025-10-26', doctorId: doctor.id });
    expect(day.days).toHaveLength(1);
    expect(day.days[0]).toMatchObject({ start: '2025-10-25T22:00:00.000Z', end: '2025-10-26T23:00:00.000Z' });
    expect(day.days[0]!.appointments.map((x) => x.localStart)).toEqual(['2025-10-26T09:00:00+01:00']);
    expect(a.start).toBe('2025-10-26T08:00:00.000Z');
  });

  test('the clinic day shows every active doctor; cancelled ones only on request', async () => {
    const first = await addDoctor(t.north, { fullName: 'Dr Aaron Clinic' });
    const second = await addDoctor(t.north, { fullName: 'Dr Zoe Clinic' });
    const inactive = await addDoctor(t.north, { fullName: 'Dr Inactive', active: false });
    const a = await book(first.id, '2025-04-01T09:00');
    const b = await book(second.id, '2025-04-01T09:00');
    const c = await book(second.id, '2025-04-01T10:00');
    await t.north.ok('appointments:cancel', { id: c.id, by: 'clinic', reason: 'Moved' });
    const day = await t.north.ok('appointments:schedule', { date: '2025-04-01' });
    expect(day.days[0]!.appointments.map((x) => x.id)).toEqual([a.id, b.id]);
    const names = day.days[0]!.workingHours.map((w) => w.doctorName);
    expect(names).toContain('Dr Aaron Clinic');
    expect(names).not.toContain(inactive.fullName);
    const withCancelled = await t.north.ok('appointments:schedule', { date: '2025-04-01', includeCancelled: true });
    expect(withCancelled.days[0]!.appointments.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    // the other clinic's book is empty on the same day
    expect((await t.south.ok('appointments:schedule', { date: '2025-04-01' })).days[0]!.appointments).toEqual([]);
    await t.south.fail('appointments:schedule', { date: '2025-04-01', doctorId: first.id }, 'NOT_FOUND');
  });

  test('refuses impossible dates', async () => {
    const error = await t.north.fail('appointments:schedule', { date: '2025-02-30' }, 'VALIDATION');
    expect(error.fields).toEqual({ date: 'That date does not exist.' });
  });
});

describe('next free slots', () => {
  test('working hours minus bookings, on the doctor’s grid restarted after each booking', async () => {
    const doctor = await addDoctor(t.north, { defaultAppointmentMinutes: 30 });
    await book(doctor.id, '2025-04-07T11:00');
    await book(doctor.id, '2025-04-07T12:15');
    const slots = await t.north.ok('appointments:freeSlots', { doctorId: doctor.id, from: '2025-04-07T08:40:00Z', count: 5 });
    // from 10:40 local: the 09:00 grid gives 11:00 (booked), 11:30; 12:00 would run into 12:15
    expect(slots.map((s) => s.localStart)).toEqual([
      '2025-04-07T11:30:00+02:00',
      '2025-04-07T12:45:00+02:00',
      '2025-04-07T13:15:00+02:00',
      '2025-04-07T13:45:00+02:00',
      '2025-04-07T14:15:00+02:00',
    ]);
    expect(slots[0]).toMatchObject({ start: '2025-04-07T09:30:00.000Z', end: '2025-04-07T10:00:00.000Z' });
    // a free slot is bookable as is
    await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, start: slots[0]!.start });
  });

  test('skips days off and crosses the clock change', async () => {
    const weekdays = await addDoctor(t.north, { defaultAppointmentMinutes: 60 });
    // 15:30 on Friday in Berlin: the 16:00 hour, then Monday after the clock change
    const friday = await t.north.ok('appointments:freeSlots', { doctorId: weekdays.id, from: '2025-03-28T14:30:00Z', count: 3, minutes: 60 });
    expect(friday.map((s) => s.localStart)).toEqual(['2025-03-28T16:00:00+01:00', '2025-03-31T09:00:00+02:00', '2025-03-31T10:00:00+02:00']);
    const everyDay = await addDoctor(t.north, { workingHours: EVERY_DAY_9_TO_5, defaultAppointmentMinutes: 60 });
    const sunday = await t.north.ok('appointments:freeSlots', { doctorId: everyDay.id, from: '2025-03-29T15:30:00Z', count: 2 });
    expect(sunday.map((s) => s.start)).toEqual(['2025-03-30T07:00:00.000Z', '2025-03-30T08:00:00.000Z']);
  });

  test('defaults to now, and is empty for a doctor without working hours', async () => {
    const doctor = await addDoctor(t.north, { defaultAppointmentMinutes: 30 });
    // the clock stands at Monday 24 March, 11:00 in Berlin
    const slots = await t.north.ok('appointments:freeSlots', { doctorId: doctor.id, count: 1 });
    expect(slots[0]!.localStart).toBe('2025-03-24T11:00:00+01:00');
    const idle = await addDoctor(t.north, { workingHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } });
    expect(await t.north.ok('appointments:freeSlots', { doctorId: idle.id })).toEqual([]);
    await t.south.fail('appointments:freeSlots', { doctorId: doctor.id }, 'NOT_FOUND');
  });
});
