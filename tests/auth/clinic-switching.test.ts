import { rmSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { registerViaApi, signInAs, startApi, type Api, type SignedIn } from '../helpers/api';
import { STRONG_PASSWORD } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

const auditOf = (clinic: SignedIn) =>
  api.core.tenants.use({ id: clinic.clinicId, slug: clinic.session.activeClinic?.slug ?? '' }, (t) =>
    t.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  );

/** A practice manager: manager in North, viewer in South. */
async function setup() {
  api = await startApi();
  const north = await registerViaApi(api, 'North Clinic');
  const south = await registerViaApi(api, 'South Clinic');
  await north.ok('users:create', { email: 'pm@example.com', fullName: 'Pat Manager', password: STRONG_PASSWORD, role: 'manager' });
  await south.ok('users:addExisting', { email: 'PM@example.com', role: 'viewer' });
  return { north, south };
}

test('a person with several clinics lists them with their role in each and switches between them', async () => {
  const { north, south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  expect(await pm.ok('clinics:listMine', {})).toEqual([
    { id: north.clinicId, name: 'North Clinic', slug: 'north-clinic', role: 'manager' },
    { id: south.clinicId, name: 'South Clinic', slug: 'south-clinic', role: 'viewer' },
  ]);
  expect(pm.session.activeClinic?.id).toBe(north.clinicId);
  await pm.ok('users:list', {});

  const switched = await pm.ok('clinics:switch', { clinicId: south.clinicId });
  expect(switched.activeClinic).toMatchObject({ id: south.clinicId, role: 'viewer' });
  expect(switched.activeClinic?.actions).not.toContain('users:read');
  // the role follows the clinic
  await pm.fail('users:list', {}, 'FORBIDDEN');
  expect((await pm.ok('session:get', {}))?.activeClinic?.id).toBe(south.clinicId);
});

test('each switch is written to the audit trail of the clinic entered, and only there', async () => {
  const { north, south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  const northBefore = (await auditOf(north)).length;
  await pm.ok('clinics:switch', { clinicId: south.clinicId });
  const entries = await auditOf(south);
  expect(entries.at(-1)).toMatchObject({ action: 'switch', entity: 'session', user_id: pm.userId, user_name: 'Pat Manager' });
  expect(await auditOf(north)).toHaveLength(northBefore);
});

test('switching to a clinic without a membership, or with a disabled one, is refused and changes nothing', async () => {
  const { north, south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  const other = await registerViaApi(api, 'Other Clinic');
  await pm.fail('clinics:switch', { clinicId: other.clinicId }, 'FORBIDDEN');
  await pm.fail('clinics:switch', { clinicId: '00000000-0000-4000-8000-000000000000' }, 'FORBIDDEN');
  const southUsers = await south.ok('users:list', {});
  await south.ok('users:disable', { userId: southUsers.find((u) => u.email === 'pm@example.com')?.id ?? '' });
  await pm.fail('clinics:switch', { clinicId: south.clinicId }, 'FORBIDDEN');
  expect((await pm.ok('session:get', {}))?.activeClinic?.id).toBe(north.clinicId);
  expect((await pm.ok('clinics:listMine', {})).map((c) => c.id)).toEqual([north.clinicId]);
  expect((await auditOf(other)).filter((e) => e.action === 'switch')).toEqual([]);
});

test('a suspended clinic cannot be entered, and calls into it stop at once', async () => {
  const { north, south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  await pm.ok('clinics:switch', { clinicId: south.clinicId });
  await api.core.master.updateTable('clinics').set({ status: 'suspended' }).where('id', '=', south.clinicId).execute();
  await pm.fail('subscription:get', {}, 'FORBIDDEN');
  await pm.fail('clinics:switch', { clinicId: south.clinicId }, 'FORBIDDEN');
  await pm.ok('clinics:switch', { clinicId: north.clinicId });
  await pm.ok('users:list', {});
});

test('a clinic whose file cannot be opened is not entered, and the session stays where it was', async () => {
  const { north, south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  await api.core.tenants.close(south.clinicId);
  rmSync(tenantDbPath(api.core.layout.tenantsDir, 'south-clinic'));
  await pm.fail('clinics:switch', { clinicId: south.clinicId }, 'TENANT_UNAVAILABLE');
  expect((await pm.ok('session:get', {}))?.activeClinic?.id).toBe(north.clinicId);
  await pm.ok('users:list', {});
});

test('sign-in returns a person to the clinic they last switched to', async () => {
  const { south } = await setup();
  const pm = await signInAs(api, 'pm@example.com');
  await pm.ok('clinics:switch', { clinicId: south.clinicId });
  await pm.ok('auth:signOut', {});
  const again = await signInAs(api, 'pm@example.com');
  expect(again.session.activeClinic?.id).toBe(south.clinicId);
});
