import { afterEach, expect, test } from 'vitest';
import { startApi, type Api } from '../helpers/api';
import { clinicInput } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

test('registering a clinic signs its new owner in, in that clinic', async () => {
  api = await startApi();
  const window = api.client();
  const session = await window.ok('auth:registerClinic', clinicInput('Harbour Clinic', { plan: 'professional' }));
  expect(session.user).toMatchObject({ email: 'admin@harbour-clinic.example', fullName: 'Harbour Clinic Admin' });
  expect(session.activeClinic).toMatchObject({ name: 'Harbour Clinic', slug: 'harbour-clinic', role: 'owner', timezone: 'Europe/Berlin', currency: 'EUR' });
  expect(session.activeClinic?.subscription).toMatchObject({ status: 'trial', plan: { code: 'professional' }, daysRemaining: 14 });
  expect(await window.ok('users:list', {})).toHaveLength(1);
});

test('a bad registration answers per field and leaves nothing behind', async () => {
  api = await startApi();
  const window = api.client();
  const error = await window.fail('auth:registerClinic', clinicInput('', { contactEmail: 'nope', owner: { email: 'x@y.example', fullName: 'X', password: 'short' } }), 'VALIDATION');
  expect(Object.keys(error.fields ?? {}).sort()).toEqual(['contactEmail', 'name']);
  const weak = await window.fail('auth:registerClinic', clinicInput('Weak Clinic', { owner: { email: 'x@y.example', fullName: 'X', password: 'short' } }), 'VALIDATION');
  expect(Object.keys(weak.fields ?? {})).toEqual(['owner.password']);
  expect(await api.core.master.selectFrom('clinics').select('id').execute()).toEqual([]);
  expect(await api.core.master.selectFrom('users').select('id').execute()).toEqual([]);
  expect(await window.ok('session:get', {})).toBeNull();
});

test('the slug is checked before any file is named after it', async () => {
  api = await startApi();
  const error = await api.client().fail('auth:registerClinic', clinicInput('Sneaky', { slug: '../master' }), 'VALIDATION');
  expect(error.fields).toHaveProperty('slug');
});
