import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Appointment, AppointmentStatus } from '../../preload/contract/channels/appointments';
import { doctorAndPatient, twoClinics, WEEKDAYS_9_TO_5, type TwoClinics } from './fixtures';

let t: TwoClinics;
let doctorId: string;
let patientId: string;
let slot = 0;

beforeAll(async () => {
  t = await twoClinics();
  const allMonday = { ...WEEKDAYS_9_TO_5, mon: [{ start: '00:00', end: '24:00' }] };
  ({ doctor: { id: doctorId }, patientId } = await doctorAndPatient(t.north, { defaultAppointmentMinutes: 5, workingHours: allMonday }));
});
afterAll(async () => t.api.dispose());
afterEach(() => {
  slot += 1;
});

/** A fresh appointment early this Monday (before the clock's 11:00, so a no-show is possible), in its own slot. */
const book = (): Promise<Appointment> =>
  t.north.ok('appointments:book', { patientId, doctorId, start: new Date(Date.parse('2025-03-23T23:00:00Z') + slot * 5 * 60_000).toISOString() });

/** Brings an appointment to `status` along the allowed path. */
async function reach(status: AppointmentStatus): Promise<Appointment> {
  const a = await book();
  const path: Record<AppointmentStatus, AppointmentStatus[]> = {
    scheduled: [],
    arrived: ['arrived'],
    in_progress: ['arrived', 'in_progress'],
    completed: ['arrived', 'in_progress', 'completed'],
    no_show: ['no_show'],
    cancelled: [],
  };
  for (const next of path[status]) await t.north.ok('appointments:setStatus', { id: a.id, status: next as 'arrived' });
  if (status === 'cancelled') await t.north.ok('appointments:cancel', { id: a.id, by: 'patient', reason: 'Unwell' });
  return a;
}

type Target = 'arrived' | 'in_progress' | 'completed' | 'no_show' | 'cancelled';
const ALLOWED: Record<AppointmentStatus, Target[]> = {
  scheduled: ['arrived', 'no_show', 'cancelled'],
  arrived: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};
const TARGETS: Target[] = ['arrived', 'in_progress', 'completed', 'no_show', 'cancelled'];
const cases = (Object.keys(ALLOWED) as AppointmentStatus[]).flatMap((from) => TARGETS.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })));

const moveTo = (id: string, to: Target) =>
  to === 'cancelled' ? t.north.call('appointments:cancel', { id, by: 'clinic', reason: 'Rebooked' }) : t.north.call('appointments:setStatus', { id, status: to });

describe('status machine', () => {
  test.each(cases)('$from → $to allowed: $allowed', async ({ from, to, allowed }) => {
    const a = await reach(from);
    const result = await moveTo(a.id, to);
    if (allowed) {
      expect(result.ok && result.value.status).toBe(to);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('CONFLICT');
        expect(result.error.message).toMatch(/cannot become/);
      }
      expect((await t.north.ok('appointments:get', { id: a.id })).status).toBe(from);
    }
  });

  test('keeps the history of every change with who made it', async () => {
    const a = await reach('completed');
    const detail = await t.north.ok('appointments:get', { id: a.id });
    expect(detail.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'scheduled'],
      ['scheduled', 'arrived'],
      ['arrived', 'in_progress'],
      ['in_progress', 'completed'],
    ]);
    expect(new Set(detail.history.map((h) => h.userId))).toEqual(new Set([t.north.userId]));
    const audit = await t.north.ok('audit:list', { entityId: a.id, action: 'status' });
    expect(audit.items.map((e) => e.changes?.status)).toEqual([
      ['in_progress', 'completed'],
      ['arrived', 'in_progress'],
      ['scheduled', 'arrived'],
    ]);
  });

  test('a no-show can be marked only once the appointment has begun', async () => {
    const later = await t.north.ok('appointments:book', { patientId, doctorId, localStart: '2025-03-24T11:30' });
    const error = await t.north.fail('appointments:setStatus', { id: later.id, status: 'no_show' }, 'CONFLICT');
    expect(error.message).toMatch(/once the appointment has begun/);
    const begun = await t.north.ok('appointments:book', { patientId, doctorId, localStart: '2025-03-24T11:00' });
    expect((await t.north.ok('appointments:setStatus', { id: begun.id, status: 'no_show' })).status).toBe('no_show');
  });
});

describe('cancellation', () => {
  test('records who cancelled and why; late when less than 24 hours before the start', async () => {
    const cases = [
      { localStart: '2025-03-24T16:00', late: true },
      { localStart: '2025-03-25T10:55', late: true },
      { localStart: '2025-03-25T11:00', late: false },
      { localStart: '2025-03-27T09:00', late: false },
    ];
    for (const c of cases) {
      const a = await t.north.ok('appointments:book', { patientId, doctorId, localStart: c.localStart });
      const cancelled = await t.north.ok('appointments:cancel', { id: a.id, by: 'patient', reason: 'Feeling better' });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'patient', cancelReason: 'Feeling better', lateCancellation: c.late });
    }
    // after the start it is late as well
    const started = await reach('arrived');
    expect((await t.north.ok('appointments:cancel', { id: started.id, by: 'clinic', reason: 'Emergency' })).lateCancellation).toBe(true);
    const history = (await t.north.ok('appointments:get', { id: started.id })).history;
    expect(history.at(-1)).toMatchObject({ from: 'arrived', to: 'cancelled', reason: 'Emergency' });
  });

  test('needs a reason and says who cancelled', async () => {
    const a = await book();
    const error = await t.north.fail('appointments:cancel', { id: a.id, by: 'patient', reason: '  ' }, 'VALIDATION');
    expect(error.fields).toEqual({ reason: 'Required.' });
    await t.north.fail('appointments:cancel', { id: a.id, by: 'doctor' as 'patient', reason: 'x' }, 'VALIDATION');
    expect((await t.north.ok('appointments:get', { id: a.id })).status).toBe('scheduled');
  });
});
