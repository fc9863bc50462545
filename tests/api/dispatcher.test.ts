import { rmSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { clinicReader, publicHandler, type HandlerTable } from '../../main/core/api/handler';
import { HANDLERS } from '../../main/core/api/handler-table';
import { AppError } from '../../main/core/errors';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { registerViaApi, startApi, type Api } from '../helpers/api';
import { STRONG_PASSWORD } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

test('an unknown channel is answered NOT_FOUND, including names every object has', async () => {
  api = await startApi();
  const client = api.client();
  for (const name of ['nothing:here', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
    expect(await api.dispatcher.invoke(client.caller, name, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }
  expect(await api.dispatcher.invoke(client.caller, 42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('input is checked against the channel’s schema before anything else, with a message per field', async () => {
  api = await startApi();
  const client = api.client();
  // not signed in, yet the answer is about the input: nothing further was looked at
  const error = await client.fail('users:create', { email: 'not an email', fullName: '', password: STRONG_PASSWORD, role: 'pilot' } as never, 'VALIDATION');
  expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'fullName', 'role']);
  expect(JSON.stringify(error)).not.toContain('not an email');
  for (const input of [undefined, null, 'text', [], { extra: true }]) {
    expect(await api.dispatcher.invoke(client.caller, 'session:get', input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }
});

test('session and clinic channels need a signed-in caller', async () => {
  api = await startApi();
  const client = api.client();
  await client.fail('clinics:listMine', {}, 'UNAUTHENTICATED');
  await client.fail('auth:changePassword', { currentPassword: 'x', newPassword: 'y' }, 'UNAUTHENTICATED');
  await client.fail('users:list', {}, 'UNAUTHENTICATED');
  expect(await client.ok('session:get', {})).toBeNull();
});

test('an unexpected failure crosses as INTERNAL without stack, SQL or path, and main logs the stack', async () => {
  const handlers: HandlerTable = {
    ...HANDLERS,
    'users:list': clinicReader('users:read', async (ctx) => {
      await ctx.clinic.tenant.db.selectFrom('no_such_table' as 'audit_log').selectAll().execute();
      return [];
    }),
  };
  api = await startApi({ handlers });
  const owner = await registerViaApi(api, 'City Clinic');
  const result = await owner.call('users:list', {});
  expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  const text = JSON.stringify(result);
  for (const leak of ['no_such_table', 'select', api.dir, '.ts:', 'at ', 'sqlite']) expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
  const logged = api.logs.find((e) => e.level === 'error');
  expect(logged).toMatchObject({ event: 'call.failed', channel: 'users:list', code: 'INTERNAL' });
  expect(logged?.stack).toContain('no_such_table');
});

test('a typed error reaches the caller with its code, message and fields intact', async () => {
  const handlers: HandlerTable = {
    ...HANDLERS,
    'auth:signOut': publicHandler(async () => {
      throw new AppError('CONFLICT', 'Already booked.', { 'slot.start': 'Taken.' });
    }),
  };
  api = await startApi({ handlers });
  expect(await api.client().call('auth:signOut', {})).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: 'Already booked.', fields: { 'slot.start': 'Taken.' } },
  });
});

test('the log holds channels, codes and timings, never what was typed', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  await owner.call('auth:signIn', { email: 'someone.private@example.com', password: 'secret passphrase 123' });
  await owner.call('users:create', { email: 'patient.like@example.com', fullName: 'Jane Private', password: 'weak', role: 'viewer' });
  const text = JSON.stringify(api.logs);
  for (const secret of ['someone.private', 'secret passphrase', 'patient.like', 'Jane Private', STRONG_PASSWORD, owner.email]) {
    expect(text).not.toContain(secret);
  }
  expect(api.logs).toContainEqual(expect.objectContaining({ event: 'call.refused', channel: 'auth:signIn', code: 'UNAUTHENTICATED' }));
  expect(api.logs.every((e) => typeof e.durationMs === 'number' || !e.channel)).toBe(true);
});

test('a clinic whose file has gone answers TENANT_UNAVAILABLE, without its path', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  await api.core.tenants.close(owner.clinicId);
  rmSync(tenantDbPath(api.core.layout.tenantsDir, 'city-clinic'));
  const error = await owner.fail('settings:get', {}, 'TENANT_UNAVAILABLE');
  expect(error.message).not.toContain(api.dir);
  expect(error.message).not.toContain('tenant_');
  expect(api.logs).toContainEqual(expect.objectContaining({ code: 'TENANT_UNAVAILABLE', reason: 'missing-file' }));
  // the session itself is unharmed
  await owner.ok('clinics:listMine', {});
});

test('a clinic handler runs with the clinic’s database leased, and it stays open until the handler ends', async () => {
  let openDuring = false;
  const handlers: HandlerTable = {
    ...HANDLERS,
    'settings:get': clinicReader('settings:manage', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      openDuring = ctx.core.tenants.isOpen(ctx.clinic.id) && ctx.clinic.tenant.sqlite.open;
      return { idleTimeoutMinutes: 15 };
    }),
  };
  api = await startApi({ handlers, cacheSize: 1 });
  const a = await registerViaApi(api, 'Clinic A');
  const b = await registerViaApi(api, 'Clinic B');
  // B's calls push A out of a one-handle cache, but never while A's call holds it
  await Promise.all([a.ok('settings:get', {}), b.ok('users:list', {}), b.ok('users:list', {})]);
  expect(openDuring).toBe(true);
});
