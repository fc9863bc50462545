import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asRole, type SignedIn } from '../helpers/api';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
let drHouse: SignedIn;
let drGrey: SignedIn;
let houseDoctorId: string;
let patientId: string;
let slot = 0;

beforeAll(async () => {
  t = await twoClinics();
  drHouse = await asRole(t.north, 'doctor');
  drGrey = await asRole(t.north, 'doctor');
  houseDoctorId = (await addDoctor(t.north, { userId: drHouse.userId })).id;
  await addDoctor(t.north, { userId: drGrey.userId });
  patientId = await addPatient(t.north);
});
afterAll(async () => t.api.dispose());

async function arrivedWithHouse(): Promise<string> {
  const a = await t.north.ok('appointments:book', { patientId, doctorId: houseDoctorId, localStart: `2025-03-25T${String(9 + slot++).padStart(2, '0')}:00` });
  await t.north.ok('appointments:setStatus', { id: a.id, status: 'arrived' });
  return a.id;
}

describe('visit notes', () => {
  test("are written only by the user linked to the appointment's own doctor", async () => {
    const id = await arrivedWithHouse();
    const detail = await drHouse.ok('appointments:writeNotes', { id, notes: 'BP 120/80. Advised rest.' });
    expect(detail).toMatchObject({ visitNotes: 'BP 120/80. Advised rest.', hasNotes: true });
    expect(detail.notesUpdatedAt).not.toBeNull();
    // another doctor of the clinic, and the owner (who holds every permission), are refused
    for (const other of [drGrey, t.north]) {
      const error = await other.fail('appointments:writeNotes', { id, notes: 'Overwritten' }, 'FORBIDDEN');
      expect(error.message).toMatch(/own doctor/);
    }
    // the front desk lacks the permission itself
    const desk = await asRole(t.north, 'front_desk');
    await desk.fail('appointments:writeNotes', { id, notes: 'x' }, 'FORBIDDEN');
    expect((await drHouse.ok('appointments:get', { id })).visitNotes).toBe('BP 120/80. Advised rest.');
  });

  test('are readable by clinical roles only; the front desk sees that notes exist', async () => {
    const id = await arrivedWithHouse();
    await drHouse.ok('appointments:writeNotes', { id, notes: 'Private clinical text' });
    const desk = await asRole(t.north, 'front_desk');
    expect(await desk.ok('appointments:get', { id })).toMatchObject({ visitNotes: null, hasNotes: true });
    expect((await t.north.ok('appointments:get', { id })).visitNotes).toBe('Private clinical text');
    const listed = await desk.ok('appointments:list', { patientId });
    expect(JSON.stringify(listed)).not.toContain('Private clinical text');
  });

  test('follow a link the manager changes: a doctor unlinked can no longer write', async () => {
    const id = await arrivedWithHouse();
    await t.north.ok('doctors:update', { id: houseDoctorId, userId: null });
    await drHouse.fail('appointments:writeNotes', { id, notes: 'x' }, 'FORBIDDEN');
    await t.north.ok('doctors:update', { id: houseDoctorId, userId: drHouse.userId });
    await drHouse.ok('appointments:writeNotes', { id, notes: 'x' });
  });

  test('need the patient to have arrived, and are audited with old and new text', async () => {
    const a = await t.north.ok('appointments:book', { patientId, doctorId: houseDoctorId, localStart: '2025-03-26T09:00' });
    const error = await drHouse.fail('appointments:writeNotes', { id: a.id, notes: 'Too early' }, 'CONFLICT');
    expect(error.message).toMatch(/scheduled cannot be given visit notes/);
    await t.north.ok('appointments:setStatus', { id: a.id, status: 'arrived' });
    await drHouse.ok('appointments:writeNotes', { id: a.id, notes: 'First' });
    await drHouse.ok('appointments:writeNotes', { id: a.id, notes: 'Second' });
    const audit = await t.north.ok('audit:list', { entityId: a.id, action: 'notes' });
    expect(audit.items.map((e) => [e.userId, e.changes?.visit_notes])).toEqual([
      [drHouse.userId, ['First', 'Second']],
      [drHouse.userId, [null, 'First']],
    ]);
  });
});

describe('linking a doctor to a user', () => {
  test('needs a member of this clinic, at most one doctor per user', async () => {
    const error = await t.north.fail('doctors:create', { fullName: 'Dr Stranger', userId: t.south.userId }, 'VALIDATION');
    expect(error.fields).toEqual({ userId: 'Choose a member of this clinic.' });
    const clash = await t.north.fail('doctors:create', { fullName: 'Dr Twin', userId: drGrey.userId }, 'CONFLICT');
    expect(clash.fields).toEqual({ userId: 'Already linked.' });
    await drGrey.fail('doctors:update', { id: houseDoctorId, userId: drGrey.userId }, 'FORBIDDEN');
  });
});
