import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { doctorAndPatient, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
let file: string;
let ids: { doctorId: string; patientId: string };
beforeAll(async () => {
  t = await twoClinics();
  const { doctor, patientId } = await doctorAndPatient(t.north);
  ids = { doctorId: doctor.id, patientId };
  file = await t.api.core.tenants.use({ id: t.north.clinicId, slug: t.north.session.activeClinic!.slug }, (h) => h.path);
});
afterAll(async () => t.api.dispose());

/** Writes straight into the clinic file, past the services, to prove the database's own rules. */
function insert(values: Record<string, unknown>): void {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  try {
    const row = {
      id: crypto.randomUUID(),
      patient_id: ids.patientId,
      doctor_id: ids.doctorId,
      start_at: '2025-03-25T09:00:00.000Z',
      end_at: '2025-03-25T09:30:00.000Z',
      minutes: 30,
      fee_minor: 0,
      status: 'scheduled',
      cancelled_by: null,
      created_at: '2025-03-24T10:00:00.000Z',
      updated_at: '2025-03-24T10:00:00.000Z',
      ...values,
    };
    const columns = Object.keys(row);
    db.prepare(`insert into appointments (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  } finally {
    db.close();
  }
}

test('0050-appointments: the clinic database itself keeps appointments consistent', () => {
  expect(() => insert({ end_at: '2025-03-25T09:00:00.000Z' })).toThrow(/CHECK/);
  expect(() => insert({ fee_minor: -1 })).toThrow(/CHECK/);
  expect(() => insert({ minutes: 0 })).toThrow(/CHECK/);
  expect(() => insert({ status: 'lost' })).toThrow(/CHECK/);
  expect(() => insert({ status: 'cancelled' })).toThrow(/CHECK/);
  expect(() => insert({ cancelled_by: 'patient' })).toThrow(/CHECK/);
  expect(() => insert({ patient_id: crypto.randomUUID() })).toThrow(/FOREIGN KEY/);
  expect(() => insert({ doctor_id: crypto.randomUUID() })).toThrow(/FOREIGN KEY/);
  insert({ status: 'cancelled', cancelled_by: 'clinic' });
});
