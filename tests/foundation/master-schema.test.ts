import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { masterMigrations } from '../../migrations/master';
import { init } from '../../migrations/master/0010-init';
import { defaultPlans } from '../../migrations/master/0020-default-plans';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate } from '../../main/core/db/migrator';
import { openSqlite } from '../../main/core/db/sqlite';
import { ROLES, type MasterDB } from '../../main/core/master/schema';
import { emailKey } from '../../main/core/master/users';
import { registerClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';

let t: TempCore;
beforeEach(async () => {
  t = await startTempCore();
});
afterEach(async () => t.dispose());

const user = (email: string) => ({
  id: randomUUID(),
  email,
  email_key: emailKey(email),
  full_name: 'Ann Example',
  password_hash: 'scrypt$10$8$1$x$y',
  failed_signins: 0,
  locked_until: null,
  disabled: 0,
  created_at: new Date().toISOString(),
});

describe('users', () => {
  test('the email key folds case and surrounding spaces', () => {
    expect(emailKey('  Ann.Example@Clinic.ORG ')).toBe('ann.example@clinic.org');
  });

  test('an email is unique case-insensitively', async () => {
    await t.core.master.insertInto('users').values(user('ann@clinic.org')).execute();
    await expect(t.core.master.insertInto('users').values(user('ANN@Clinic.org')).execute()).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
  });
});

describe('memberships', () => {
  test('accept exactly the five roles, and one user may hold different roles in different clinics', async () => {
    const a = await registerClinic(t.core, clinicInput('Clinic A'));
    const b = await registerClinic(t.core, clinicInput('Clinic B'));
    const u = user('staff@clinic.org');
    await t.core.master.insertInto('users').values(u).execute();
    const now = new Date().toISOString();
    await t.core.master.insertInto('memberships').values({ user_id: u.id, clinic_id: a.id, role: 'doctor', created_at: now }).execute();
    await t.core.master.insertInto('memberships').values({ user_id: u.id, clinic_id: b.id, role: 'viewer', created_at: now }).execute();
    const roles = await t.core.master.selectFrom('memberships').select('role').where('user_id', '=', u.id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['doctor', 'viewer']);

    for (const role of ROLES) {
      const other = user(`${role}@clinic.org`);
      await t.core.master.insertInto('users').values(other).execute();
      await t.core.master.insertInto('memberships').values({ user_id: other.id, clinic_id: a.id, role, created_at: now }).execute();
    }
    const admin = user('admin@clinic.org');
    await t.core.master.insertInto('users').values(admin).execute();
    await expect(
      t.core.master
        .insertInto('memberships')
        // @ts-expect-error: the point is that the database refuses a role the type does not allow
        .values({ user_id: admin.id, clinic_id: a.id, role: 'admin', created_at: now })
        .execute(),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
  });
});

describe('clinics and subscriptions refuse unknown statuses', () => {
  test('clinic status', async () => {
    const a = await registerClinic(t.core, clinicInput('Clinic A'));
    // @ts-expect-error: a status outside the union
    await expect(t.core.master.updateTable('clinics').set({ status: 'deleted' }).where('id', '=', a.id).execute()).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_CHECK',
    });
  });

  test('subscription status', async () => {
    const a = await registerClinic(t.core, clinicInput('Clinic A'));
    await expect(
      // @ts-expect-error: a status outside the union
      t.core.master.updateTable('subscriptions').set({ status: 'free' }).where('clinic_id', '=', a.id).execute(),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
  });
});

describe('default plans', () => {
  const allPlans = () => t.core.master.selectFrom('plans').selectAll().orderBy('code').execute();

  test('basic, professional and enterprise are seeded, prices in minor units', async () => {
    const plans = await allPlans();
    expect(plans.map((p) => p.code)).toEqual(['basic', 'enterprise', 'professional']);
    for (const p of plans) {
      expect(Number.isInteger(p.monthly_price_minor)).toBe(true);
      expect(p.trial_days).toBeGreaterThan(0);
    }
    expect(plans.find((p) => p.code === 'enterprise')).toMatchObject({ max_users: null, max_doctors: null, max_patients: null });
  });

  test('running the seed again neither duplicates nor overwrites an edited plan', async () => {
    await t.core.master.updateTable('plans').set({ monthly_price_minor: 1234, name: 'Basic (edited)' }).where('code', '=', 'basic').execute();
    const before = await allPlans();
    await defaultPlans.up(t.core.master as unknown as Kysely<unknown>);
    expect(await allPlans()).toEqual(before);
    expect(before.find((p) => p.code === 'basic')).toMatchObject({ monthly_price_minor: 1234, name: 'Basic (edited)' });
  });

  test('restarting does not seed again', async () => {
    const before = await allPlans();
    await t.core.close();
    const again = await startTempCore({ dataDir: t.dir });
    try {
      expect(await again.core.master.selectFrom('plans').selectAll().orderBy('code').execute()).toEqual(before);
    } finally {
      await again.core.close();
    }
  });

  test('a plan that already exists when the seed first runs is kept as it was', async () => {
    const { dir, cleanup } = tempDir();
    const db = kyselyOver<MasterDB>(openSqlite(`${dir}/master.sqlite3`, { create: true }));
    try {
      await migrate(db, [init]);
      await db
        .insertInto('plans')
        .values({ code: 'basic', name: 'Our basic', monthly_price_minor: 500, currency: 'EUR', max_users: 1, max_doctors: 1, max_patients: 10, max_db_mb: 10, trial_days: 7 })
        .execute();
      expect(await migrate(db, masterMigrations)).toContain('0020-default-plans');
      const plans = await db.selectFrom('plans').selectAll().orderBy('code').execute();
      expect(plans.map((p) => p.code)).toEqual(['basic', 'enterprise', 'professional']);
      expect(plans[0]).toMatchObject({ name: 'Our basic', monthly_price_minor: 500, currency: 'EUR', trial_days: 7 });
    } finally {
      await db.destroy();
      cleanup();
    }
  });
});
