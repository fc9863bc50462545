import { afterEach, expect, test } from 'vitest';
import { z } from 'zod';
import { CONTRACT } from '../../preload/contract';
import type { ClinicSettings } from '../../preload/contract/channels/settings';
import { clinicReader, type HandlerTable } from '../../main/core/api/handler';
import { HANDLERS } from '../../main/core/api/handler-table';
import { readIdentity } from '../../main/core/tenancy/identity';
import { asRole, registerViaApi, startApi, type Api } from '../helpers/api';

let api: Api;
afterEach(async () => api?.dispose());

/** settings:get answering which clinic file it was handed and which clinic the input named. */
const probe: HandlerTable = {
  ...HANDLERS,
  'settings:get': clinicReader('settings:manage', async (ctx, input) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    const stamped = readIdentity(ctx.clinic.tenant.sqlite).clinicId;
    return { idleTimeoutMinutes: 0, stamped, context: ctx.clinic.id, claimed: (input as { clinicId?: string }).clinicId } as unknown as ClinicSettings;
  }),
};

test('two sessions in two clinics, calling at the same moment, each see only their own clinic', async () => {
  api = await startApi({ cacheSize: 1 });
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  const aDesk = await asRole(a, 'manager');
  await a.ok('settings:update', { idleTimeoutMinutes: 30 });
  await b.ok('settings:update', { idleTimeoutMinutes: 90 });
  await b.ok('subscription:changePlan', { planCode: 'professional' });

  const rounds = 15;
  const calls = [];
  for (let i = 0; i < rounds; i++) {
    calls.push(a.ok('users:list', {}).then((users) => ({ who: 'a', users: users.map((u) => u.email).sort() })));
    calls.push(b.ok('users:list', {}).then((users) => ({ who: 'b', users: users.map((u) => u.email).sort() })));
    calls.push(a.ok('settings:get', {}).then((s) => ({ who: 'a', idle: s.idleTimeoutMinutes })));
    calls.push(b.ok('settings:get', {}).then((s) => ({ who: 'b', idle: s.idleTimeoutMinutes })));
    calls.push(aDesk.ok('subscription:get', {}).then((s) => ({ who: 'a', plan: s.plan.code })));
    calls.push(b.ok('subscription:get', {}).then((s) => ({ who: 'b', plan: s.plan.code })));
  }
  const results = await Promise.all(calls);
  const expected = {
    a: { users: [a.email, aDesk.email].sort(), idle: 30, plan: 'enterprise' },
    b: { users: [b.email], idle: 90, plan: 'professional' },
  };
  for (const r of results) {
    const want = expected[r.who as 'a' | 'b'];
    if ('users' in r) expect(r.users).toEqual(want.users);
    if ('idle' in r) expect(r.idle).toBe(want.idle);
    if ('plan' in r) expect(r.plan).toBe(want.plan);
  }
});

test('the clinic a handler is given comes from the session, whatever the input names', async () => {
  // a schema that lets a clinicId through, to prove that even then it decides nothing
  const contract = { ...CONTRACT, 'settings:get': { input: z.object({ clinicId: z.string().optional() }) } };
  api = await startApi({ handlers: probe, contract, cacheSize: 1 });
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  const calls = [];
  for (let i = 0; i < 20; i++) {
    calls.push(a.ok('settings:get', { clinicId: b.clinicId } as never).then((r) => ({ expected: a.clinicId, r })));
    calls.push(b.ok('settings:get', { clinicId: a.clinicId } as never).then((r) => ({ expected: b.clinicId, r })));
  }
  for (const { expected, r } of await Promise.all(calls)) {
    const seen = r as unknown as { stamped: string; context: string; claimed: string };
    expect(seen.stamped).toBe(expected);
    expect(seen.context).toBe(expected);
    expect(seen.claimed).not.toBe(expected);
  }
});

test('the real account channels refuse a clinic named in the input', async () => {
  api = await startApi();
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  const error = await a.fail('users:list', { clinicId: b.clinicId } as never, 'VALIDATION');
  expect(error.fields).toHaveProperty('_');
  await a.fail('settings:update', { idleTimeoutMinutes: 5, clinicId: b.clinicId } as never, 'VALIDATION');
  expect(await b.ok('settings:get', {})).toEqual({ idleTimeoutMinutes: 15 });
});

test('a person cannot act on a user of another clinic', async () => {
  api = await startApi();
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  const bDesk = await asRole(b, 'front_desk');
  await a.fail('users:disable', { userId: bDesk.userId }, 'NOT_FOUND');
  await a.fail('users:changeRole', { userId: bDesk.userId, role: 'owner' }, 'NOT_FOUND');
  await a.fail('users:disable', { userId: b.userId }, 'NOT_FOUND');
  expect((await b.ok('users:list', {})).map((u) => u.disabled)).toEqual([false, false]);
});
