import { writeFileSync } from 'node:fs';
import { addDoctor } from '../appointments/fixtures';
import { create } from '../patients/fixtures';
import { afterEach, describe, expect, test } from 'vitest';
import { assertWithinLimit } from '../../main/core/api/limits';
import type { PlanRow } from '../../main/core/master/schema';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { registerViaApi, startApi, testClock, type Api, type SignedIn } from '../helpers/api';
import { STRONG_PASSWORD } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

const auditOf = (clinic: SignedIn) =>
  api.core.tenants.use({ id: clinic.clinicId, slug: clinic.session.activeClinic?.slug ?? '' }, (t) =>
    t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'subscription').orderBy('id').execute(),
  );

const newUser = (n: number) => ({ email: `u${n}@example.com`, fullName: 'New User', password: STRONG_PASSWORD, role: 'viewer' as const });

describe('trial and read-only', () => {
  test('a new clinic is on a trial of its plan’s trial days, counting down', async () => {
    api = await startApi({ clock: testClock(new Date('2031-03-01T10:00:00Z')) });
    const owner = await registerViaApi(api, 'City Clinic', { plan: 'basic' });
    expect(owner.session.activeClinic?.subscription).toMatchObject({
      status: 'trial',
      daysRemaining: 14,
      readOnly: false,
      trialEndsAt: '2031-03-15T10:00:00.000Z',
      plan: { code: 'basic', maxUsers: 3 },
    });
    api.clock.advanceDays(10.5);
    await owner.ok('auth:signIn', { email: owner.email, password: STRONG_PASSWORD });
    expect((await owner.ok('subscription:get', {})).daysRemaining).toBe(4);
  });

  test('when the trial ends the clinic turns read-only: reads work, writes are refused, nothing is lost', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic', { plan: 'basic' });
    await owner.ok('users:create', newUser(1));
    api.clock.advanceDays(14);
    // keep the session alive across the jump: the idle limit is not what this test is about
    await owner.ok('auth:signIn', { email: owner.email, password: STRONG_PASSWORD });
    const sub = await owner.ok('subscription:get', {});
    expect(sub).toMatchObject({ readOnly: true, daysRemaining: 0, status: 'trial' });
    expect((await owner.ok('session:get', {}))?.activeClinic?.subscription.readOnly).toBe(true);
    expect(await owner.ok('users:list', {})).toHaveLength(2);
    const refused = await owner.fail('users:create', newUser(2), 'SUBSCRIPTION_READ_ONLY');
    expect(refused.message).toMatch(/read-only/);
    // security controls and renewal stay usable
    await owner.ok('settings:update', { idleTimeoutMinutes: 10 });
    const renewed = await owner.ok('subscription:activate', { periodEnd: new Date(api.clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10) });
    expect(renewed).toMatchObject({ status: 'active', readOnly: false });
    await owner.ok('users:create', newUser(2));
  });

  test('a cancelled or expired subscription is read-only whatever its dates', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    for (const status of ['cancelled', 'expired'] as const) {
      await api.core.master.updateTable('subscriptions').set({ status }).where('clinic_id', '=', owner.clinicId).execute();
      await owner.fail('users:create', newUser(1), 'SUBSCRIPTION_READ_ONLY');
      expect((await owner.ok('subscription:get', {})).readOnly).toBe(true);
    }
  });

  test('a paid period that ends turns the clinic read-only the same way', async () => {
    api = await startApi({ clock: testClock(new Date('2031-03-01T10:00:00Z')) });
    const owner = await registerViaApi(api, 'City Clinic');
    const active = await owner.ok('subscription:activate', { periodEnd: '2031-06-30' });
    // the period runs to the end of that day in the clinic's zone (Europe/Berlin, summer time)
    expect(active).toMatchObject({ status: 'active', currentPeriodEnd: '2031-06-30T21:59:59.999Z', readOnly: false });
    api.clock.set(new Date('2031-06-30T21:59:00Z'));
    await owner.ok('auth:signIn', { email: owner.email, password: STRONG_PASSWORD });
    await owner.ok('users:create', newUser(1));
    api.clock.advanceMinutes(1);
    await owner.fail('users:create', newUser(2), 'SUBSCRIPTION_READ_ONLY');
  });
});

describe('owner actions', () => {
  test('activation needs a date in the future and is audited', async () => {
    api = await startApi({ clock: testClock(new Date('2031-03-01T10:00:00Z')) });
    const owner = await registerViaApi(api, 'City Clinic');
    for (const periodEnd of ['2031-02-28', '2031-13-01', 'soon']) {
      const error = await owner.fail('subscription:activate', { periodEnd }, 'VALIDATION');
      expect(Object.keys(error.fields ?? {})).toEqual(['periodEnd']);
    }
    await owner.ok('subscription:activate', { periodEnd: '2032-02-29' });
    const entries = await auditOf(owner);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'activate', user_id: owner.userId });
    expect(JSON.parse(entries[0]?.changes ?? '{}').status).toEqual(['trial', 'active']);
  });

  test('changing plan applies the new limits and is audited', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic', { plan: 'basic' });
    const overview = await owner.ok('subscription:get', {});
    expect(overview.plans.map((p) => p.code)).toEqual(['basic', 'professional', 'enterprise']);
    for (let i = 1; i <= 2; i++) await owner.ok('users:create', newUser(i));
    await owner.fail('users:create', newUser(3), 'LIMIT_REACHED');
    const changed = await owner.ok('subscription:changePlan', { planCode: 'professional' });
    expect(changed.plan).toMatchObject({ code: 'professional', maxUsers: 15 });
    await owner.ok('users:create', newUser(3));
    const entries = await auditOf(owner);
    expect(entries.map((e) => [e.action, JSON.parse(e.changes ?? '{}')])).toEqual([['change-plan', { plan: ['basic', 'professional'] }]]);
    await owner.fail('subscription:changePlan', { planCode: 'platinum' }, 'VALIDATION');
  });

  test('a smaller plan is refused while the clinic holds more than it allows', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic', { plan: 'professional' });
    for (let i = 1; i <= 3; i++) await owner.ok('users:create', newUser(i));
    const error = await owner.fail('subscription:changePlan', { planCode: 'basic' }, 'LIMIT_REACHED');
    expect(error.fields).toEqual({ max_users: '3' });
    expect((await owner.ok('subscription:get', {})).plan.code).toBe('professional');
    expect(await auditOf(owner)).toEqual([]);
  });
});

describe('a smaller plan counts records as adding them does', () => {
  test('too many patients refuse the move; inactive doctors do not count', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'Count Clinic', { plan: 'professional' });
    await api.core.master.updateTable('plans').set({ max_patients: 1, max_doctors: 1 }).where('code', '=', 'basic').execute();
    const first = await addDoctor(owner);
    await addDoctor(owner);
    await owner.ok('doctors:update', { id: first.id, active: false });
    await create(owner, { firstName: 'Ada', lastName: 'One' });
    await create(owner, { firstName: 'Bea', lastName: 'Two', phone: '+1 555 0100 222' });
    const error = await owner.fail('subscription:changePlan', { planCode: 'basic' }, 'LIMIT_REACHED');
    expect(error.fields).toEqual({ max_patients: '1' });
    expect((await owner.ok('subscription:get', {})).plan.code).toBe('professional');
  });
});

describe('database size limit', () => {
  test('writes are refused once the clinic file passes max_db_mb; reads and plan changes still work', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic', { plan: 'basic' });
    await api.core.master.updateTable('plans').set({ max_db_mb: 1 }).where('code', '=', 'basic').execute();
    await owner.ok('users:create', newUser(1));
    // grow the file past 1 MB without touching its records: SQLite ignores bytes past its last page
    const file = tenantDbPath(api.core.layout.tenantsDir, 'city-clinic');
    writeFileSync(file, Buffer.alloc(1024 * 1024 + 1), { flag: 'a' });
    const error = await owner.fail('users:create', newUser(2), 'LIMIT_REACHED');
    expect(error.message).toContain('max_db_mb');
    expect(error.fields).toEqual({ max_db_mb: '1' });
    await owner.ok('users:list', {});
    // a bigger plan is the way out
    await owner.ok('subscription:changePlan', { planCode: 'professional' });
    await owner.ok('users:create', newUser(2));
  });
});

describe('assertWithinLimit, for the services that add doctors and patients', () => {
  const plan = { name: 'Basic', max_users: 3, max_doctors: 2, max_patients: null } as PlanRow;
  const ctx = { clinic: { plan } };

  test('refuses only when adding would pass the limit', () => {
    expect(() => assertWithinLimit(ctx, 'max_doctors', 1)).not.toThrow();
    expect(() => assertWithinLimit(ctx, 'max_doctors', 2)).toThrow(expect.objectContaining({ code: 'LIMIT_REACHED', fields: { max_doctors: '2' } }));
    expect(() => assertWithinLimit(ctx, 'max_doctors', 0, 3)).toThrow(/max_doctors = 2/);
  });

  test('no limit when the plan has none', () => {
    expect(() => assertWithinLimit(ctx, 'max_patients', 1_000_000)).not.toThrow();
  });
});
