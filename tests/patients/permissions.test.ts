import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Role } from '../../main/core/master/schema';
import { asRole, type SignedIn } from '../helpers/api';
import { create, person, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
const as: Partial<Record<Role, SignedIn>> = {};
beforeAll(async () => {
  t = await twoClinics();
  as.owner = t.a;
  for (const role of ['manager', 'front_desk', 'doctor', 'viewer'] as const) as[role] = await asRole(t.a, role);
}, 60_000);
afterAll(async () => t.api.dispose());

type Attempt = (who: SignedIn) => Promise<{ ok: boolean; code?: string }>;
const run = (f: (who: SignedIn) => Promise<{ ok: boolean; error?: { code: string } }>): Attempt => async (who) => {
  const r = await f(who);
  return r.ok ? { ok: true } : { ok: false, code: r.error?.code };
};

const attempts: Record<string, Attempt> = {
  read: run(async (who) => who.call('patients:get', { id: (await create(t.a)).id })),
  search: run((who) => who.call('patients:search', { q: 'love' })),
  create: run((who) => who.call('patients:create', { ...person({ firstName: 'New' }), confirmDuplicate: true })),
  update: run(async (who) => who.call('patients:update', { id: (await create(t.a)).id, notes: 'x' })),
  delete: run(async (who) => who.call('patients:delete', { id: (await create(t.a)).id })),
  restore: run(async (who) => {
    const p = await create(t.a);
    await t.a.ok('patients:delete', { id: p.id });
    return who.call('patients:restore', { id: p.id });
  }),
  listDeleted: run((who) => who.call('patients:listDeleted', {})),
  merge: run(async (who) => who.call('patients:merge', { survivorId: (await create(t.a)).id, otherId: (await create(t.a)).id })),
  export: run(async (who) => who.call('patients:export', { id: (await create(t.a)).id })),
  erase: run(async (who) => {
    const p = await create(t.a);
    return who.call('patients:erase', { id: p.id, confirmMrn: p.mrn });
  }),
};

// front desk registers, finds and edits; doctors and viewers read; merge, erase and restore are for managers up
const allowed: Record<Role, string[]> = {
  owner: Object.keys(attempts),
  manager: Object.keys(attempts),
  front_desk: ['read', 'search', 'create', 'update', 'delete'],
  doctor: ['read', 'search'],
  viewer: ['read', 'search'],
};

for (const role of Object.keys(allowed) as Role[]) {
  test(`${role}: ${allowed[role].join(', ')}; nothing else`, async () => {
    const outcome: Record<string, string> = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      const r = await attempt(as[role]!);
      outcome[name] = r.ok ? 'ok' : r.code!;
    }
    expect(outcome).toEqual(Object.fromEntries(Object.keys(attempts).map((n) => [n, allowed[role].includes(n) ? 'ok' : 'FORBIDDEN'])));
  });
}

test('while the subscription is read-only, reading and exporting go on and changes are refused', async () => {
  const p = await create(t.a);
  await t.api.core.master.updateTable('subscriptions').set({ status: 'expired' }).where('clinic_id', '=', t.a.clinicId).execute();
  try {
    await t.a.ok('patients:get', { id: p.id });
    await t.a.ok('patients:export', { id: p.id });
    await t.a.fail('patients:create', person(), 'SUBSCRIPTION_READ_ONLY');
    await t.a.fail('patients:update', { id: p.id, notes: 'x' }, 'SUBSCRIPTION_READ_ONLY');
    await t.a.fail('patients:merge', { survivorId: p.id, otherId: (await t.a.ok('patients:list', {})).items.find((i) => i.id !== p.id)!.id }, 'SUBSCRIPTION_READ_ONLY');
    // erasure is a legal duty towards the patient, not held back by the subscription
    await t.a.ok('patients:erase', { id: p.id, confirmMrn: p.mrn });
  } finally {
    await t.api.core.master.updateTable('subscriptions').set({ status: 'trial' }).where('clinic_id', '=', t.a.clinicId).execute();
  }
});

