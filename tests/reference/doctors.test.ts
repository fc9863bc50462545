import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerViaApi } from '../helpers/api';
import { addPatient, twoClinics, WEEKDAYS_9_TO_5, type TwoClinics } from '../appointments/fixtures';

let t: TwoClinics;
beforeAll(async () => {
  t = await twoClinics();
});
afterAll(async () => t.api.dispose());

describe('doctors', () => {
  test('all fields round-trip; defaults for a quick entry', async () => {
    const hospital = await t.north.ok('hospitals:create', { name: 'General' });
    const doctor = await t.north.ok('doctors:create', {
      fullName: 'Dr Meredith Grey',
      specialty: 'Surgery',
      licenceNumber: 'LIC-1',
      phone: '+1 555 0100',
      email: 'grey@example.org',
      hospitalId: hospital.id,
      workingHours: { mon: [{ start: '14:00', end: '18:00' }, { start: '08:00', end: '12:00' }] },
      defaultAppointmentMinutes: 20,
    });
    expect(doctor).toMatchObject({
      fullName: 'Dr Meredith Grey',
      specialty: 'Surgery',
      licenceNumber: 'LIC-1',
      email: 'grey@example.org',
      hospitalName: 'General',
      active: true,
      defaultAppointmentMinutes: 20,
      userId: null,
    });
    // ranges come back in order, every weekday present
    expect(doctor.workingHours).toEqual({
      sun: [],
      mon: [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
    });
    const quick = await t.north.ok('doctors:create', { fullName: 'Dr Quick' });
    expect(quick).toMatchObject({ active: true, defaultAppointmentMinutes: 15, hospitalId: null, specialty: null });
  });

  test('working hours: HH:mm, end after start, no overlaps within a day, each message on its field', async () => {
    const cases: [unknown, string, string][] = [
      [{ mon: [{ start: '9:00', end: '17:00' }] }, 'workingHours.mon.0.start', 'Use HH:mm between 00:00 and 24:00.'],
      [{ tue: [{ start: '09:00', end: '24:01' }] }, 'workingHours.tue.0.end', 'Use HH:mm between 00:00 and 24:00.'],
      [{ wed: [{ start: '12:00', end: '12:00' }] }, 'workingHours.wed.0.end', 'End after the start.'],
      [{ thu: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '13:30' }] }, 'workingHours.thu.0.start', 'Overlaps another range on this day.'],
      [{ funday: [] }, 'workingHours', ''],
    ];
    for (const [workingHours, field, message] of cases) {
      const error = await t.north.fail('doctors:create', { fullName: 'Dr Bad Hours', workingHours } as never, 'VALIDATION');
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
      if (message) expect(error.fields?.[field]).toBe(message);
    }
    const error = await t.north.fail('doctors:create', { fullName: '', defaultAppointmentMinutes: 2, email: 'nope' }, 'VALIDATION');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['defaultAppointmentMinutes', 'email', 'fullName']);
    expect((await t.north.ok('doctors:list', { q: 'Dr Bad Hours' })).total).toBe(0);
  });

  test('list filters by active, hospital and region, and searches by name', async () => {
    const clinic = await registerViaApi(t.api, 'Doctor List Clinic');
    const east = await clinic.ok('regions:create', { name: 'East', code: 'E' });
    const eastHospital = await clinic.ok('hospitals:create', { name: 'East General', regionId: east.id });
    const westHospital = await clinic.ok('hospitals:create', { name: 'West General' });
    const a = await clinic.ok('doctors:create', { fullName: 'Dr Adams', specialty: 'Cardiology', hospitalId: eastHospital.id });
    const b = await clinic.ok('doctors:create', { fullName: 'Dr Brown', specialty: 'Dermatology', hospitalId: westHospital.id });
    const c = await clinic.ok('doctors:create', { fullName: 'Dr Clark', hospitalId: eastHospital.id, active: false });
    const ids = async (input: Parameters<typeof clinic.ok<'doctors:list'>>[1]) => (await clinic.ok('doctors:list', input)).items.map((d) => d.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ active: true })).toEqual([a.id, b.id]);
    expect(await ids({ active: false })).toEqual([c.id]);
    expect(await ids({ hospitalId: eastHospital.id })).toEqual([a.id, c.id]);
    expect(await ids({ regionId: east.id, active: true })).toEqual([a.id]);
    expect(await ids({ q: 'row' })).toEqual([b.id]);
    expect(await ids({ sort: 'specialty', order: 'desc' })).toEqual([b.id, a.id, c.id]);
    expect((await t.north.ok('doctors:list', { q: 'Dr Adams' })).total).toBe(0);
  });

  test('a licence number belongs to one doctor; updates are audited field by field', async () => {
    const doctor = await t.north.ok('doctors:create', { fullName: 'Dr Licence', licenceNumber: 'UNIQUE-7' });
    const error = await t.north.fail('doctors:create', { fullName: 'Dr Copy', licenceNumber: 'UNIQUE-7' }, 'CONFLICT');
    expect(error.fields).toEqual({ licenceNumber: 'Already in use.' });
    await t.south.ok('doctors:create', { fullName: 'Dr Other Clinic', licenceNumber: 'UNIQUE-7' });
    await t.north.ok('doctors:update', { id: doctor.id, specialty: 'Neurology', defaultAppointmentMinutes: 45, workingHours: WEEKDAYS_9_TO_5 });
    const audit = await t.north.ok('audit:list', { entity: 'doctor', entityId: doctor.id, action: 'update' });
    const changes = audit.items[0]!.changes!;
    expect(changes.specialty).toEqual([null, 'Neurology']);
    expect(changes.default_appointment_minutes).toEqual([15, 45]);
    expect(JSON.parse(changes.working_hours![1] as string).mon).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  test('a doctor with appointments still to come cannot be deleted', async () => {
    const doctor = await t.north.ok('doctors:create', { fullName: 'Dr Busy', workingHours: WEEKDAYS_9_TO_5 });
    const patientId = await addPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-26T09:00' });
    const error = await t.north.fail('doctors:delete', { id: doctor.id }, 'CONFLICT');
    expect(error.message).toMatch(/1 upcoming appointment/);
    await t.north.ok('appointments:cancel', { id: a.id, by: 'clinic', reason: 'Doctor leaving' });
    await t.north.ok('doctors:delete', { id: doctor.id });
    // and a deleted doctor can neither be booked nor have an appointment restored to them
    await t.north.fail('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-26T10:00' }, 'VALIDATION');
  });
});

describe('plan limit', () => {
  test('active doctors stay within the plan; inactive ones do not count', async () => {
    const basic = await registerViaApi(t.api, 'Basic Plan Clinic', { plan: 'basic' });
    await basic.ok('doctors:create', { fullName: 'Dr One' });
    const two = await basic.ok('doctors:create', { fullName: 'Dr Two' });
    const error = await basic.fail('doctors:create', { fullName: 'Dr Three' }, 'LIMIT_REACHED');
    expect(error.fields).toEqual({ max_doctors: '2' });
    const retired = await basic.ok('doctors:create', { fullName: 'Dr Retired', active: false });
    await basic.fail('doctors:update', { id: retired.id, active: true }, 'LIMIT_REACHED');
    await basic.ok('doctors:update', { id: two.id, active: false });
    await basic.ok('doctors:update', { id: retired.id, active: true });
    // restoring an active doctor counts too
    await basic.ok('doctors:delete', { id: retired.id });
    await basic.ok('doctors:update', { id: two.id, active: true });
    await basic.fail('doctors:restore', { id: retired.id }, 'LIMIT_REACHED');
    expect((await basic.ok('doctors:list', { active: true })).total).toBe(2);
  });
});
