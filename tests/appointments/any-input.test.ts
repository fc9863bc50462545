import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../preload/contract';
import { ERROR_CODES } from '../../preload/contract/errors';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from './fixtures';

/** Every channel of reference data, appointments and the audit trail. */
const CHANNELS = CHANNEL_NAMES.filter((c) => /^(regions|hospitals|doctors|appointments|audit):/.test(c));

let t: TwoClinics;
let ids: string[];
beforeAll(async () => {
  t = await twoClinics();
  const region = await t.north.ok('regions:create', { name: 'Fuzz', code: 'FZ' });
  const hospital = await t.north.ok('hospitals:create', { name: 'Fuzz', regionId: region.id });
  const doctor = await addDoctor(t.north, { hospitalId: hospital.id, userId: t.north.userId });
  const patientId = await addPatient(t.north);
  const appointment = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-25T10:00' });
  ids = [region.id, hospital.id, doctor.id, patientId, appointment.id, t.north.userId, (await addDoctor(t.south)).id];
});
afterAll(async () => t.api.dispose());

const FIELDS = [
  'id', 'name', 'code', 'q', 'page', 'pageSize', 'sort', 'order', 'deleted', 'regionId', 'hospitalId', 'doctorId', 'patientId', 'userId',
  'fullName', 'specialty', 'licenceNumber', 'phone', 'email', 'address', 'active', 'workingHours', 'defaultAppointmentMinutes',
  'start', 'localStart', 'minutes', 'reason', 'feeMinor', 'force', 'status', 'by', 'notes', 'date', 'span', 'includeCancelled',
  'from', 'to', 'count', 'entity', 'entityId', 'action',
];

/** Values near the edges of what the fields accept, real ids of both clinics among them. */
const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom('2025-03-30T02:30', '2025-03-30T01:00:00Z', '2025-02-29', '2025-03-24', '24:00', '09:00', 'week', 'day', 'scheduled', 'no_show', 'patient', 'desc', 'only', 'name', '%', "'; drop table appointments; --"),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.dictionary(fc.constantFrom('mon', 'sun', 'start', 'end', 'x'), fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.record({ start: fc.string({ maxLength: 6 }), end: fc.string({ maxLength: 6 }) }), { maxLength: 3 }))),
    fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 3 }),
  );

/** A well-formed request for each channel; the property changes a few of its fields at random. */
function base(channel: string): Record<string, unknown> {
  const [region, hospital, doctor, patient, appointment] = ids;
  const [domain, verb] = channel.split(':');
  const own = { regions: region, hospitals: hospital, doctors: doctor, appointments: appointment, audit: undefined }[domain!];
  const create: Record<string, Record<string, unknown>> = {
    regions: { name: 'R', code: 'R1' },
    hospitals: { name: 'H', regionId: region },
    doctors: { fullName: 'Dr F', hospitalId: hospital },
  };
  switch (channel) {
    case 'appointments:book': return { patientId: patient, doctorId: doctor, localStart: '2025-03-26T10:00' };
    case 'appointments:reschedule': return { id: appointment, localStart: '2025-03-26T11:00' };
    case 'appointments:setStatus': return { id: appointment, status: 'arrived' };
    case 'appointments:cancel': return { id: appointment, by: 'patient', reason: 'r' };
    case 'appointments:writeNotes': return { id: appointment, notes: 'n' };
    case 'appointments:schedule': return { date: '2025-03-30', span: 'week' };
    case 'appointments:freeSlots': return { doctorId: doctor };
  }
  if (verb === 'list') return {};
  if (verb === 'create') return create[domain!] ?? {};
  return { id: own };
}

const input = (channel: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 3 }).map((changes) => ({ ...base(channel), ...changes })) },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 8 }) },
    { weight: 1, arbitrary: fc.anything() },
  );

test('any input to any of these channels comes back as a Result, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...CHANNELS).chain((channel) => fc.tuple(fc.constant(channel), input(channel))), async ([channel, payload]) => {
      const result = await t.north.call(channel as ChannelName, payload as never);
      expect(typeof result.ok).toBe("boolean");
      if (!result.ok) {
        expect(ERROR_CODES).toContain(result.error.code);
        expect(result.error.code, `${channel} ${result.error.message}`).not.toBe('INTERNAL');
      }
    }),
    { numRuns: 1500 },
  );
  expect(t.api.logs.filter((l) => l.level === 'error')).toEqual([]);
});
