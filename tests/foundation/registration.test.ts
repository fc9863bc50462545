import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { verifyPassword } from '../../main/core/auth/password';
import { APPLICATION_ID } from '../../main/core/tenancy/identity';
import { registerClinic, type RegistrationStep } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, STRONG_PASSWORD, type TempCore } from '../helpers/temp-core';
import { listDir, masterCounts, peek } from './helpers';

const NOW = new Date('2030-01-15T10:00:00.000Z');
const STEPS: RegistrationStep[] = ['clinic-row', 'file-created', 'migrated', 'stamped', 'renamed', 'owner', 'membership', 'subscription', 'activated'];

let t: TempCore;
beforeEach(async () => {
  t = await startTempCore({ clock: () => new Date(NOW) });
});
afterEach(async () => t.dispose());

/** What a registration may leave behind: master rows and files in the tenants folder. */
async function footprint() {
  return { rows: await masterCounts(t.core), files: listDir(t.core.layout.tenantsDir) };
}

describe('a successful registration', () => {
  test('creates exactly the clinic, owner, membership, trial subscription and one stamped, migrated file', async () => {
    const steps: RegistrationStep[] = [];
    const r = await registerClinic(t.core, clinicInput('City Hospital', { plan: 'professional' }), { afterStep: (s) => void steps.push(s) });
    expect(steps).toEqual(STEPS);
    expect(r).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug: 'city-hospital',
      dbName: 'tenant_city_hospital',
      dbPath: `${t.core.layout.tenantsDir}/tenant_city_hospital.sqlite3`,
      ownerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    const m = t.core.master;
    expect(await m.selectFrom('clinics').selectAll().execute()).toEqual([
      expect.objectContaining({
        id: r.id,
        name: 'City Hospital',
        slug: 'city-hospital',
        db_name: 'tenant_city_hospital',
        contact_email: 'admin@city-hospital.example',
        status: 'active',
        provisioning_state: 'ready',
        timezone: 'Europe/Berlin',
        currency: 'EUR',
        created_at: NOW.toISOString(),
      }),
    ]);
    const [user] = await m.selectFrom('users').selectAll().execute();
    expect(user).toMatchObject({ id: r.ownerId, email: 'admin@city-hospital.example', email_key: 'admin@city-hospital.example', failed_signins: 0, disabled: 0 });
    expect(user!.password_hash).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword(STRONG_PASSWORD, user!.password_hash)).toBe(true);
    expect(await m.selectFrom('memberships').select(['user_id', 'clinic_id', 'role']).execute()).toEqual([
      { user_id: r.ownerId, clinic_id: r.id, role: 'owner' },
    ]);
    const plan = await m.selectFrom('plans').selectAll().where('code', '=', 'professional').executeTakeFirstOrThrow();
    const trialEnds = new Date(NOW.getTime() + plan.trial_days * 86_400_000).toISOString();
    expect(await m.selectFrom('subscriptions').selectAll().execute()).toEqual([
      expect.objectContaining({ clinic_id: r.id, plan_code: 'professional', status: 'trial', started_at: NOW.toISOString(), trial_ends_at: trialEnds }),
    ]);
    expect(trialEnds).toBe('2030-01-29T10:00:00.000Z');

    expect(listDir(t.core.layout.tenantsDir)).toEqual(['tenant_city_hospital.sqlite3']);
    peek(r.dbPath, (db) => {
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.prepare('select clinic_id, slug, stamped_at from clinic_identity').all()).toEqual([
        { clinic_id: r.id, slug: 'city-hospital', stamped_at: NOW.toISOString() },
      ]);
      expect(db.prepare('select name from medadmin_migrations order by name').pluck().all()).toEqual(tenantMigrations.map((x) => x.name));
    });
  });

  test('the slug may be given; a taken slug is a CONFLICT that changes nothing', async () => {
    const r = await registerClinic(t.core, clinicInput('City Hospital', { slug: 'ch-1' }));
    expect(r.dbName).toBe('tenant_ch_1');
    const before = await footprint();
    await expect(registerClinic(t.core, clinicInput('Other Hospital', { slug: 'ch-1' }))).rejects.toMatchObject({ code: 'CONFLICT', fields: { slug: expect.any(String) } });
    expect(await footprint()).toEqual(before);
  });
});

describe('a failure at any step leaves nothing behind', () => {
  test.each(STEPS)('new owner, failing after %s', async (failAt) => {
    await registerClinic(t.core, clinicInput('Existing Clinic'));
    const before = await footprint();
    const injected = new Error(`injected after ${failAt}`);
    await expect(
      registerClinic(t.core, clinicInput('City Hospital'), {
        afterStep: (s) => {
          if (s === failAt) throw injected;
        },
      }),
    ).rejects.toBe(injected);
    expect(await footprint()).toEqual(before);
    expect(await t.core.master.selectFrom('users').select('id').where('email_key', '=', 'admin@city-hospital.example').execute()).toEqual([]);
    // the name is free again
    await expect(registerClinic(t.core, clinicInput('City Hospital'))).resolves.toMatchObject({ slug: 'city-hospital' });
  });

  test.each(STEPS)('existing owner, failing after %s: their account and first clinic are untouched', async (failAt) => {
    const first = await registerClinic(t.core, clinicInput('First Clinic'));
    const before = await footprint();
    const memberships = await t.core.master.selectFrom('memberships').selectAll().execute();
    await expect(
      registerClinic(t.core, clinicInput('Second Clinic', { owner: { userId: first.ownerId } }), {
        afterStep: (s) => {
          if (s === failAt) throw new Error('injected');
        },
      }),
    ).rejects.toThrow('injected');
    expect(await footprint()).toEqual(before);
    expect(await t.core.master.selectFrom('memberships').selectAll().execute()).toEqual(memberships);
    expect(existsSync(first.dbPath)).toBe(true);
  });
});

describe('owners', () => {
  test('an existing user registering a second clinic becomes owner of both', async () => {
    const first = await registerClinic(t.core, clinicInput('First Clinic'));
    const second = await registerClinic(t.core, clinicInput('Second Clinic', { owner: { userId: first.ownerId } }));
    const third = await registerClinic(
      t.core,
      clinicInput('Third Clinic', { owner: { email: 'ADMIN@First-Clinic.example', fullName: 'Ignored', password: STRONG_PASSWORD } }),
    );
    expect(second.ownerId).toBe(first.ownerId);
    expect(third.ownerId).toBe(first.ownerId);
    expect(await masterCounts(t.core)).toEqual({ clinics: 3, users: 1, memberships: 3, subscriptions: 3 });
    const roles = await t.core.master.selectFrom('memberships').select(['clinic_id', 'role']).where('user_id', '=', first.ownerId).orderBy('clinic_id').execute();
    expect(roles).toEqual([first.id, second.id, third.id].sort().map((clinic_id) => ({ clinic_id, role: 'owner' })));
  });

  test('an existing email with a wrong password is a CONFLICT and nothing is created', async () => {
    await registerClinic(t.core, clinicInput('First Clinic'));
    const before = await footprint();
    await expect(
      registerClinic(t.core, clinicInput('Second Clinic', { owner: { email: 'admin@first-clinic.example', fullName: 'Mallory', password: 'a different long passphrase' } })),
    ).rejects.toMatchObject({ code: 'CONFLICT', fields: { 'owner.email': expect.any(String) } });
    expect(await footprint()).toEqual(before);
  });

  test('the same new email registering two clinics at once: one succeeds, the other is a CONFLICT that leaves nothing', async () => {
    const owner = { email: 'same@person.example', fullName: 'Same Person', password: STRONG_PASSWORD };
    // both pass the "is this email taken?" look-up before either writes its user
    let arrived = 0;
    let release!: () => void;
    const bothLookedUp = new Promise<void>((resolve) => (release = resolve));
    const barrier = async (step: RegistrationStep) => {
      if (step !== 'clinic-row') return;
      if (++arrived === 2) release();
      await bothLookedUp;
    };
    const results = await Promise.allSettled([
      registerClinic(t.core, clinicInput('Race One', { owner }), { afterStep: barrier }),
      registerClinic(t.core, clinicInput('Race Two', { owner }), { afterStep: barrier }),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', fields: { 'owner.email': 'Already registered.' } });
    expect((await footprint()).rows).toMatchObject({ clinics: 1, users: 1, memberships: 1, subscriptions: 1 });
    expect(listDir(t.core.layout.tenantsDir)).toHaveLength(1);
  });

  test('an unknown owner id is NOT_FOUND and nothing is created', async () => {
    await expect(registerClinic(t.core, clinicInput('City Hospital', { owner: { userId: '00000000-0000-4000-8000-000000000000' } }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await footprint()).toEqual({ rows: { clinics: 0, users: 0, memberships: 0, subscriptions: 0 }, files: [] });
  });

  test.each([
    ['a weak password', { owner: { email: 'a@b.example', fullName: 'A', password: 'password123' } }, 'owner.password'],
    ['an unknown plan', { plan: 'platinum' }, 'plan'],
    ['a bad email', { contactEmail: 'not-an-email' }, 'contactEmail'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
  ])('%s is a VALIDATION error naming the field, and nothing is created', async (_what, overrides, field) => {
    const err = await registerClinic(t.core, clinicInput('City Hospital', overrides)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(Object.keys((err as { fields: object }).fields)).toContain(field);
    expect(await footprint()).toEqual({ rows: { clinics: 0, users: 0, memberships: 0, subscriptions: 0 }, files: [] });
  });
});
