import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Role } from '../../main/core/master/schema';
import { addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';
import { roleMatrix, type Attempt } from '../helpers/role-matrix';

let t: TwoClinics;
let patientId: string;
const as: Partial<Record<Role, SignedIn>> = {};
beforeAll(async () => {
  t = await twoClinics();
  as.owner = t.north;
  for (const role of ['manager', 'front_desk', 'doctor', 'viewer'] as const) as[role] = await asRole(t.north, role);
  patientId = await addPatient(t.north);
}, 60_000);
afterAll(async () => t.api.dispose());

const payment = () => t.north.ok('payments:create', { patientId, amountMinor: 1000, method: 'cash' });

const attempts: Record<string, Attempt> = {
  create: (who) => who.call('payments:create', { patientId, amountMinor: 100, method: 'cash' }),
  list: (who) => who.call('payments:list', {}),
  get: async (who) => who.call('payments:get', { id: (await payment()).id }),
  refund: async (who) => who.call('payments:refund', { paymentId: (await payment()).id, amountMinor: 1, reason: 'x' }),
  balance: (who) => who.call('payments:balance', { patientId }),
};

// the front desk takes payments; refunds are for managers up; doctors see no money
const allowed: Record<Role, string[]> = {
  owner: Object.keys(attempts),
  manager: Object.keys(attempts),
  front_desk: ['create', 'list', 'get', 'balance'],
  doctor: [],
  viewer: ['list', 'get', 'balance'],
};

roleMatrix(() => as, attempts, allowed);

test('while the subscription is read-only, payments and refunds are refused and reading goes on', async () => {
  const p = await payment();
  await t.api.core.master.updateTable('subscriptions').set({ status: 'expired' }).where('clinic_id', '=', t.north.clinicId).execute();
  try {
    await t.north.fail('payments:create', { patientId, amountMinor: 100, method: 'cash' }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('payments:refund', { paymentId: p.id, amountMinor: 1, reason: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.ok('payments:get', { id: p.id });
    await t.north.ok('payments:list', {});
    await t.north.ok('payments:balance', { patientId });
    // the other clinic is not affected
    await t.south.ok('payments:create', { patientId: await addPatient(t.south), amountMinor: 100, method: 'cash' });
  } finally {
    await t.api.core.master.updateTable('subscriptions').set({ status: 'trial' }).where('clinic_id', '=', t.north.clinicId).execute();
  }
  expect((await t.north.ok('payments:get', { id: p.id })).refunds).toEqual([]);
});
