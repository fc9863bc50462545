import { afterEach, expect, test } from 'vitest';
import { registerViaApi, signInAs, startApi, type Api, type SignedIn } from '../helpers/api';
import { STRONG_PASSWORD } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

const auditOf = (clinic: SignedIn) =>
  api.core.tenants.use({ id: clinic.clinicId, slug: clinic.session.activeClinic?.slug ?? '' }, (t) =>
    t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'user').orderBy('id').execute(),
  );

const person = (email: string, role: 'manager' | 'front_desk' | 'doctor' | 'viewer' | 'owner' = 'front_desk') => ({
  email,
  fullName: 'Sam Staff',
  password: STRONG_PASSWORD,
  role,
});

test('owners create users for their clinic under the password policy; the new user can sign in', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  const weak = await owner.fail('users:create', { ...person('sam@example.com'), password: 'password1' }, 'VALIDATION');
  expect(Object.keys(weak.fields ?? {})).toEqual(['password']);
  const created = await owner.ok('users:create', person('sam@example.com'));
  expect(created).toMatchObject({ email: 'sam@example.com', fullName: 'Sam Staff', role: 'front_desk', disabled: false });
  expect(JSON.stringify(await owner.ok('users:list', {}))).not.toContain('scrypt');
  const sam = await signInAs(api, 'sam@example.com');
  expect(sam.session.activeClinic).toMatchObject({ id: owner.clinicId, role: 'front_desk' });
  expect(await auditOf(owner)).toContainEqual(expect.objectContaining({ action: 'create', entity_id: created.id, user_id: owner.userId }));
});

test('an email that already has an account is a conflict; that person is added as an existing user instead', async () => {
  api = await startApi();
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  await a.ok('users:create', person('sam@example.com'));
  const conflict = await b.fail('users:create', person('SAM@example.com'), 'CONFLICT');
  expect(conflict.fields).toHaveProperty('email');
  const unknown = await b.fail('users:addExisting', { email: 'nobody@example.com', role: 'viewer' }, 'NOT_FOUND');
  expect(unknown.fields).toHaveProperty('email');
  const added = await b.ok('users:addExisting', { email: 'sam@example.com', role: 'doctor' });
  expect(added.role).toBe('doctor');
  await b.fail('users:addExisting', { email: 'sam@example.com', role: 'viewer' }, 'CONFLICT');
  // one person, two roles in two clinics
  const sam = await signInAs(api, 'sam@example.com');
  expect(sam.session.clinics.map((c) => [c.name, c.role])).toEqual([
    ['Clinic A', 'front_desk'],
    ['Clinic B', 'doctor'],
  ]);
  expect(await auditOf(b)).toContainEqual(expect.objectContaining({ action: 'add', entity_id: added.id }));
});

test('disabling is per clinic: an owner of A locks a user out of A only, and their session in A ends', async () => {
  api = await startApi();
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  const sam = await a.ok('users:create', person('sam@example.com'));
  await b.ok('users:addExisting', { email: 'sam@example.com', role: 'front_desk' });
  const samInA = await signInAs(api, 'sam@example.com');
  expect(samInA.session.activeClinic?.id).toBe(a.clinicId);

  const disabled = await a.ok('users:disable', { userId: sam.id });
  expect(disabled.disabled).toBe(true);
  expect(samInA.events()).toMatchObject([{ event: 'session-ended', payload: { reason: 'account-disabled' } }]);
  await samInA.fail('clinics:listMine', {}, 'UNAUTHENTICATED');

  // B is untouched: Sam signs in again and lands there
  const again = await signInAs(api, 'sam@example.com');
  expect(again.session.clinics.map((c) => c.name)).toEqual(['Clinic B']);
  expect(again.session.activeClinic?.id).toBe(b.clinicId);
  await again.fail('clinics:switch', { clinicId: a.clinicId }, 'FORBIDDEN');
  expect((await b.ok('users:list', {})).find((u) => u.id === sam.id)?.disabled).toBe(false);
  expect(await auditOf(a)).toContainEqual(expect.objectContaining({ action: 'disable', entity_id: sam.id }));
  expect((await auditOf(b)).filter((e) => e.action === 'disable')).toEqual([]);

  // re-enabled, Sam can enter A again
  await a.ok('users:enable', { userId: sam.id });
  expect((await signInAs(api, 'sam@example.com')).session.clinics.map((c) => c.name)).toEqual(['Clinic A', 'Clinic B']);
});

test('a disabled person’s next call in that clinic is refused even before any sweep', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  const other = await registerViaApi(api, 'Other Clinic');
  await owner.ok('users:create', person('sam@example.com', 'manager'));
  await other.ok('users:addExisting', { email: 'sam@example.com', role: 'manager' });
  const sam = await signInAs(api, 'sam@example.com');
  // disabled behind the dispatcher's back (as another process, the CLI, would)
  await api.core.master.updateTable('memberships').set({ disabled: 1 }).where('user_id', '=', sam.userId).where('clinic_id', '=', owner.clinicId).execute();
  await sam.fail('users:list', {}, 'FORBIDDEN');
  await sam.ok('clinics:switch', { clinicId: other.clinicId });
  await sam.ok('users:list', {});
});

test('an account disabled everywhere is signed out at its next call', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  await owner.ok('users:create', person('sam@example.com'));
  const sam = await signInAs(api, 'sam@example.com');
  await api.core.master.updateTable('users').set({ disabled: 1 }).where('id', '=', sam.userId).execute();
  await sam.fail('users:list', {}, 'UNAUTHENTICATED');
  expect(sam.events()).toMatchObject([{ event: 'session-ended', payload: { reason: 'account-disabled' } }]);
  expect(await sam.ok('session:get', {})).toBeNull();
});

test('the last active owner can be neither demoted nor disabled', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  const lonely = await owner.fail('users:changeRole', { userId: owner.userId, role: 'manager' }, 'CONFLICT');
  expect(lonely.message).toMatch(/owner/);
  await owner.fail('users:disable', { userId: owner.userId }, 'CONFLICT');

  const second = await owner.ok('users:create', person('second@example.com', 'owner'));
  // a disabled owner does not count as the other owner
  await owner.ok('users:disable', { userId: second.id });
  await owner.fail('users:changeRole', { userId: owner.userId, role: 'manager' }, 'CONFLICT');
  await owner.ok('users:enable', { userId: second.id });
  await owner.ok('users:changeRole', { userId: owner.userId, role: 'manager' });
  // now a manager: the former owner cannot touch the remaining owner
  await owner.fail('users:disable', { userId: second.id }, 'FORBIDDEN');
  const roles = (await owner.ok('users:list', {})).map((u) => u.role).sort();
  expect(roles).toEqual(['manager', 'owner']);
});

test('role changes are audited with the old and new role', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  const sam = await owner.ok('users:create', person('sam@example.com', 'viewer'));
  await owner.ok('users:changeRole', { userId: sam.id, role: 'doctor' });
  // no change, no entry
  await owner.ok('users:changeRole', { userId: sam.id, role: 'doctor' });
  const updates = (await auditOf(owner)).filter((e) => e.action === 'update');
  expect(updates).toHaveLength(1);
  expect(JSON.parse(updates[0]?.changes ?? '{}')).toEqual({ role: ['viewer', 'doctor'] });
});

test('the plan’s user limit is enforced on create, add and enable, naming the limit and its value', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'Small Clinic', { plan: 'basic' });
  const other = await registerViaApi(api, 'Other Clinic');
  await other.ok('users:create', person('elsewhere@example.com'));
  const first = await owner.ok('users:create', person('one@example.com'));
  await owner.ok('users:create', person('two@example.com'));
  const full = await owner.fail('users:create', person('three@example.com'), 'LIMIT_REACHED');
  expect(full.message).toContain('max_users');
  expect(full.message).toContain('3');
  expect(full.fields).toEqual({ max_users: '3' });
  await owner.fail('users:addExisting', { email: 'elsewhere@example.com', role: 'viewer' }, 'LIMIT_REACHED');
  // nothing was created by the refused call
  expect((await owner.ok('users:list', {})).map((u) => u.email)).not.toContain('three@example.com');
  expect(await api.core.master.selectFrom('users').select('id').where('email_key', '=', 'three@example.com').execute()).toEqual([]);
  // a disabled membership frees its seat; enabling it again takes the seat back
  await owner.ok('users:disable', { userId: first.id });
  await owner.ok('users:addExisting', { email: 'elsewhere@example.com', role: 'viewer' });
  await owner.fail('users:enable', { userId: first.id }, 'LIMIT_REACHED');
});
