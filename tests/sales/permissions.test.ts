import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Role } from '../../main/core/master/schema';
import { twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';
import { roleMatrix, type Attempt } from '../helpers/role-matrix';
import { addProduct } from '../payments/fixtures';

let t: TwoClinics;
let itemId: string;
const as: Partial<Record<Role, SignedIn>> = {};
beforeAll(async () => {
  t = await twoClinics();
  as.owner = t.north;
  for (const role of ['manager', 'front_desk', 'doctor', 'viewer'] as const) as[role] = await asRole(t.north, role);
  itemId = (await addProduct(t.north, { stock: 1000 })).id;
}, 60_000);
afterAll(async () => t.api.dispose());

const sale = () => t.north.ok('sales:create', { lines: [{ itemId, quantity: 1 }] });

const attempts: Record<string, Attempt> = {
  catalogueList: (who) => who.call('catalogue:list', {}),
  catalogueGet: (who) => who.call('catalogue:get', { id: itemId }),
  movements: (who) => who.call('catalogue:movements', { itemId }),
  catalogueCreate: (who) => who.call('catalogue:create', { kind: 'service', name: 'New', priceMinor: 1 }),
  catalogueUpdate: (who) => who.call('catalogue:update', { id: itemId, taxRateBp: 1900 }),
  adjustStock: (who) => who.call('catalogue:adjustStock', { id: itemId, delta: 1, reason: 'Delivery' }),
  preview: (who) => who.call('sales:preview', { lines: [{ itemId, quantity: 1 }] }),
  sell: (who) => who.call('sales:create', { lines: [{ itemId, quantity: 1 }] }),
  list: (who) => who.call('sales:list', {}),
  get: async (who) => who.call('sales:get', { id: (await sale()).id }),
  void: async (who) => who.call('sales:void', { id: (await sale()).id, reason: 'x' }),
};

const READ = ['catalogueList', 'catalogueGet', 'movements', 'list', 'get'];
// the front desk sells; the catalogue, its prices and voids are for managers up
const allowed: Record<Role, string[]> = {
  owner: Object.keys(attempts),
  manager: Object.keys(attempts),
  front_desk: [...READ, 'preview', 'sell'],
  doctor: [],
  viewer: READ,
};

roleMatrix(() => as, attempts, allowed);

test('while the subscription is read-only, selling, voiding and the catalogue are frozen; reading and previews go on', async () => {
  const s = await sale();
  const stock = (await t.north.ok('catalogue:get', { id: itemId })).stock;
  await t.api.core.master.updateTable('subscriptions').set({ status: 'expired' }).where('clinic_id', '=', t.north.clinicId).execute();
  try {
    await t.north.fail('sales:create', { lines: [{ itemId, quantity: 1 }] }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('sales:void', { id: s.id, reason: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('catalogue:create', { kind: 'service', name: 'New', priceMinor: 1 }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('catalogue:update', { id: itemId, name: 'Renamed' }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('catalogue:adjustStock', { id: itemId, delta: 5, reason: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.ok('sales:get', { id: s.id });
    await t.north.ok('sales:list', {});
    await t.north.ok('sales:preview', { lines: [{ itemId, quantity: 1 }] });
    await t.north.ok('catalogue:list', {});
  } finally {
    await t.api.core.master.updateTable('subscriptions').set({ status: 'trial' }).where('clinic_id', '=', t.north.clinicId).execute();
  }
  expect((await t.north.ok('catalogue:get', { id: itemId })).stock).toBe(stock);
  expect((await t.north.ok('sales:get', { id: s.id })).status).toBe('completed');
});
