import { afterEach, expect, test } from 'vitest';
import { registerViaApi, signInAs, startApi, type Api } from '../helpers/api';

let api: Api;
afterEach(async () => api?.dispose());

const idleEnded = { event: 'session-ended', payload: { reason: 'idle-timeout' } };

test('15 minutes without a call sign a person out; each call starts the 15 minutes again', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  expect(owner.session.idleTimeoutMinutes).toBe(15);
  api.clock.advanceMinutes(14);
  await owner.ok('users:list', {});
  api.clock.advanceMinutes(14);
  await owner.ok('clinics:listMine', {});
  api.clock.advanceMinutes(15.01);
  const refused = await owner.fail('users:list', {}, 'UNAUTHENTICATED');
  expect(refused.message).toMatch(/sign in/i);
  expect(owner.events()).toMatchObject([idleEnded]);
  // it stays ended: activity after the fact does not revive it
  await owner.fail('clinics:listMine', {}, 'UNAUTHENTICATED');
  expect(await owner.ok('session:get', {})).toBeNull();
});

test('asking for the session does not count as activity', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  for (let i = 0; i < 4; i++) {
    api.clock.advanceMinutes(5);
    await owner.call('session:get', {});
  }
  expect(await owner.ok('session:get', {})).toBeNull();
  expect(owner.events()).toMatchObject([idleEnded]);
});

test('each clinic sets its own automatic sign-out time', async () => {
  api = await startApi();
  const strict = await registerViaApi(api, 'Strict Clinic');
  const relaxed = await registerViaApi(api, 'Relaxed Clinic');
  expect(await strict.ok('settings:update', { idleTimeoutMinutes: 5 })).toEqual({ idleTimeoutMinutes: 5 });
  await relaxed.ok('settings:update', { idleTimeoutMinutes: 60 });
  expect(await strict.ok('settings:get', {})).toEqual({ idleTimeoutMinutes: 5 });
  expect((await strict.ok('session:get', {}))?.idleTimeoutMinutes).toBe(5);
  api.clock.advanceMinutes(6);
  await strict.fail('users:list', {}, 'UNAUTHENTICATED');
  await relaxed.ok('users:list', {});
  api.clock.advanceMinutes(59);
  await relaxed.ok('users:list', {});
});

test('the setting takes 1 to 240 whole minutes', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  for (const idleTimeoutMinutes of [0, 241, 2.5]) {
    const error = await owner.fail('settings:update', { idleTimeoutMinutes }, 'VALIDATION');
    expect(Object.keys(error.fields ?? {})).toEqual(['idleTimeoutMinutes']);
  }
  await owner.ok('settings:update', { idleTimeoutMinutes: 240 });
  await owner.ok('settings:update', { idleTimeoutMinutes: 1 });
});

test('the sweep ends idle sessions and tells their windows, leaving active ones alone', async () => {
  api = await startApi();
  const owner = await registerViaApi(api, 'City Clinic');
  const busy = await signInAs(api, owner.email);
  api.clock.advanceMinutes(10);
  await busy.ok('users:list', {});
  api.clock.advanceMinutes(6);
  expect(await api.dispatcher.sweepIdleSessions()).toBe(1);
  expect(owner.events()).toMatchObject([idleEnded]);
  expect(busy.events()).toEqual([]);
  await busy.ok('users:list', {});
  expect(await api.dispatcher.sweepIdleSessions()).toBe(0);
});
