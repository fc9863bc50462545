import { afterAll, beforeAll, test } from 'vitest';
import { addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { fuzzChannels } from './fuzz-inputs';

let t: TwoClinics;
let patientId: string;
let paymentId: string;
beforeAll(async () => {
  t = await twoClinics();
  patientId = await addPatient(t.north);
  paymentId = (await t.north.ok('payments:create', { patientId, amountMinor: 5000, method: 'cash' })).id;
}, 60_000);
afterAll(async () => t.api.dispose());

test('every payments channel answers any input with a Result, never an internal error', async () => {
  await fuzzChannels(
    t.north,
    {
      'payments:create': { patientId, appointmentId: null, saleId: null, amountMinor: 100, method: 'cash', reference: 'x' },
      'payments:list': { patientId, from: '2025-03-01', to: '2025-03-31', method: 'card', sort: 'amount', order: 'desc', page: 1, pageSize: 10 },
      'payments:get': { id: paymentId },
      'payments:refund': { paymentId, amountMinor: 1, reason: 'Change', method: 'cash' },
      'payments:balance': { patientId },
    },
    400,
  );
}, 120_000);
