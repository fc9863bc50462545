import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, type ChannelInput, type ChannelName } from '../../preload/contract';
import type { ChannelSpec } from '../../preload/contract/define';
import { ACTIONS, type Action } from '../../preload/contract/actions';
import { createDispatcher, type Dispatcher } from '../../main/core/api/dispatcher';
import type { Access, HandlerTable } from '../../main/core/api/handler';
import { HANDLERS } from '../../main/core/api/handler-table';
import { actionsOf, isAllowed } from '../../main/core/auth/permissions';
import { memoryLogger } from '../../main/core/log';
import { ROLES, type Role } from '../../main/core/master/schema';
import { asRole, registerViaApi, startApi, type Api, type SignedIn } from '../helpers/api';
import { STRONG_PASSWORD } from '../helpers/temp-core';

const accessOf = (c: ChannelName): Access => (HANDLERS[c] as { access: Access }).access;
const clinicChannels = CHANNEL_NAMES.filter((c) => accessOf(c).kind === 'clinic');

describe('the role table', () => {
  // the words, written out independently of main/core/auth/permissions.ts
  const reads: Action[] = ['reference:read', 'patients:read', 'appointments:read', 'payments:read', 'sales:read', 'reports:read'];
  const expected: Record<Role, Action[]> = {
    owner: [...ACTIONS],
    manager: ACTIONS.filter((a) => a !== 'subscription:manage' && a !== 'clinic:archive'),
    front_desk: ['patients:read', 'patients:write', 'appointments:read', 'appointments:write', 'payments:read', 'payments:write', 'sales:read', 'sales:write', 'reference:read'],
    doctor: ['appointments:read', 'appointments:notes', 'patients:read', 'reference:read'],
    viewer: reads,
  };

  test.each(ROLES)('%s holds exactly the actions the issue gives it', (role) => {
    expect(new Set(actionsOf(role))).toEqual(new Set(expected[role]));
    for (const action of ACTIONS) expect(isAllowed(role, action)).toBe(expected[role].includes(action));
  });

  test('a viewer holds no action that changes anything', () => {
    expect(actionsOf('viewer').every((a) => a.endsWith(':read'))).toBe(true);
  });

  // the table alone cannot show it: a writing channel guarded by a read action would let a viewer write
  test('no channel that writes to the clinic is open to a viewer', () => {
    const open = clinicChannels.filter((c) => {
      const access = accessOf(c);
      return access.kind === 'clinic' && access.write && isAllowed('viewer', access.action);
    });
    expect(open).toEqual([]);
  });
});

/**
 * Every clinic channel, every role, through the real dispatcher: permissive input schemas and
 * stub handlers keep each channel's declared access, so the checks behind validation are
 * reached for channels whose inputs this test cannot know.
 */
describe('enforced on every clinic channel, role by role', () => {
  let api: Api;
  let stubbed: Dispatcher;
  const callers = {} as Record<Role, string>;
  let clinicId: string;
  const RAN = 'handler ran';

  beforeAll(async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'Matrix Clinic');
    clinicId = owner.clinicId;
    const people: Record<Role, SignedIn> = { owner } as Record<Role, SignedIn>;
    for (const role of ROLES.filter((r) => r !== 'owner')) people[role] = await asRole(owner, role);

    // a second dispatcher over the same core: permissive schemas, stub clinic handlers
    const contract: Record<string, ChannelSpec> = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, { input: z.any() }]));
    const handlers = Object.fromEntries(
      CHANNEL_NAMES.map((c) => {
        const access = accessOf(c);
        return [c, access.kind === 'clinic' ? { access, run: async () => RAN } : HANDLERS[c]];
      }),
    ) as unknown as HandlerTable;
    stubbed = createDispatcher(api.core, { emit: () => {}, contract, handlers, logger: memoryLogger() });
    for (const role of ROLES) {
      callers[role] = `stub:${role}`;
      const r = await stubbed.invoke(callers[role], 'auth:signIn', { email: people[role].email, password: STRONG_PASSWORD });
      expect(r.ok).toBe(true);
    }
  });
  afterAll(async () => api?.dispose());

  test('there are clinic channels to check', () => {
    expect(clinicChannels.length).toBeGreaterThan(10);
  });

  test.each(ROLES)('as %s, a clinic call is FORBIDDEN exactly when the role lacks the channel’s action', async (role) => {
    for (const channel of clinicChannels) {
      const access = accessOf(channel);
      if (access.kind !== 'clinic') continue;
      const result = await stubbed.invoke(callers[role], channel, {});
      const expected = isAllowed(role, access.action) ? { ok: true, value: RAN } : { ok: false, error: { code: 'FORBIDDEN' } };
      expect({ channel, result }).toMatchObject({ channel, result: expected });
    }
  });

  test('while the subscription has ended, every write channel answers SUBSCRIPTION_READ_ONLY and every other one runs', async () => {
    await api.core.master.updateTable('subscriptions').set({ status: 'expired' }).where('clinic_id', '=', clinicId).execute();
    try {
      for (const channel of clinicChannels) {
        const access = accessOf(channel);
        if (access.kind !== 'clinic') continue;
        const result = await stubbed.invoke(callers.owner, channel, {});
        const expected = access.write ? { ok: false, error: { code: 'SUBSCRIPTION_READ_ONLY' } } : { ok: true, value: RAN };
        expect({ channel, result }).toMatchObject({ channel, result: expected });
      }
    } finally {
      await api.core.master.updateTable('subscriptions').set({ status: 'trial' }).where('clinic_id', '=', clinicId).execute();
    }
  });
});

describe('the account channels, with real inputs', () => {
  let api: Api;
  const people = {} as Record<Role, SignedIn>;
  let n = 0;

  beforeAll(async () => {
    api = await startApi();
    people.owner = await registerViaApi(api, 'Real Clinic');
    for (const role of ROLES.filter((r) => r !== 'owner')) people[role] = await asRole(people.owner, role);
  });
  afterAll(async () => api?.dispose());

  const admins: Role[] = ['owner', 'manager'];
  const cases: { [C in ChannelName]?: { allowed: Role[]; input: () => ChannelInput<C> } } = {
    'users:list': { allowed: admins, input: () => ({}) },
    'users:create': {
      allowed: admins,
      input: () => ({ email: `new-${++n}@real.example`, fullName: 'New Person', password: STRONG_PASSWORD, role: 'viewer' }),
    },
    'subscription:get': { allowed: admins, input: () => ({}) },
    'subscription:changePlan': { allowed: ['owner'], input: () => ({ planCode: 'enterprise' }) },
    'subscription:activate': { allowed: ['owner'], input: () => ({ periodEnd: '2099-12-31' }) },
    'settings:get': { allowed: admins, input: () => ({}) },
    'settings:update': { allowed: admins, input: () => ({ idleTimeoutMinutes: 15 }) },
  };

  test.each(ROLES)('as %s', async (role) => {
    for (const [channel, spec] of Object.entries(cases) as [ChannelName, { allowed: Role[]; input: () => never }][]) {
      const result = await people[role].call(channel, spec.input());
      expect({ channel, ok: result.ok, code: result.ok ? null : result.error.code }).toEqual({
        channel,
        ok: spec.allowed.includes(role),
        code: spec.allowed.includes(role) ? null : 'FORBIDDEN',
      });
    }
  });

  test('a manager cannot make an owner, nor change or disable one', async () => {
    const manager = people.manager;
    await manager.fail('users:create', { email: 'boss@real.example', fullName: 'Boss', password: STRONG_PASSWORD, role: 'owner' }, 'FORBIDDEN');
    await manager.fail('users:changeRole', { userId: people.viewer.userId, role: 'owner' }, 'FORBIDDEN');
    await manager.fail('users:changeRole', { userId: people.owner.userId, role: 'viewer' }, 'FORBIDDEN');
    await manager.fail('users:disable', { userId: people.owner.userId }, 'FORBIDDEN');
    await manager.ok('users:changeRole', { userId: people.viewer.userId, role: 'doctor' });
    await manager.ok('users:changeRole', { userId: people.viewer.userId, role: 'viewer' });
  });

  test('a changed role applies to the very next call of a signed-in person', async () => {
    const person = await asRole(people.owner, 'viewer');
    await person.fail('users:list', {}, 'FORBIDDEN');
    await people.owner.ok('users:changeRole', { userId: person.userId, role: 'manager' });
    await person.ok('users:list', {});
    expect((await person.ok('session:get', {}))?.activeClinic?.role).toBe('manager');
  });
});
