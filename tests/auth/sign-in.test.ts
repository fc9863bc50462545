import { afterEach, describe, expect, test } from 'vitest';
import { HANDLERS } from '../../main/core/api/handler-table';
import { publicHandler, type HandlerTable } from '../../main/core/api/handler';
import { hashPassword, parseHashParams } from '../../main/core/auth/password';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGNINS } from '../../main/core/auth/sign-in';
import type { SessionInfo } from '../../preload/contract/channels/session';
import { asRole, registerViaApi, signInAs, startApi, type Api, type ApiClient } from '../helpers/api';
import { STRONG_PASSWORD, TEST_SCRYPT } from '../helpers/temp-core';

let api: Api;
afterEach(async () => api?.dispose());

const WRONG = 'not the right password at all';

describe('sign-in', () => {
  test('signs in with email and password, in any letter case, and answers the session without secrets', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const client = api.client();
    const session = await client.ok('auth:signIn', { email: owner.email.toUpperCase(), password: STRONG_PASSWORD });
    expect(session.user.email).toBe(owner.email);
    expect(session.activeClinic).toMatchObject({ id: owner.clinicId, role: 'owner', slug: 'city-clinic' });
    expect(session.activeClinic?.subscription).toMatchObject({ status: 'trial', readOnly: false });
    const text = JSON.stringify(session);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toMatch(/token/i);
    expect(await client.ok('session:get', {})).toEqual(session);
  });

  test('unknown email, wrong password, locked, disabled and clinic-less accounts all get the same answer', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const desk = await asRole(owner, 'front_desk');
    const outsider = await asRole(owner, 'viewer');
    const answers = [];
    answers.push(await api.client().fail('auth:signIn', { email: 'nobody@nowhere.example', password: STRONG_PASSWORD }, 'UNAUTHENTICATED'));
    answers.push(await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED'));
    // the desk account's access to its only clinic is disabled: right password, still refused
    await owner.ok('users:disable', { userId: desk.userId });
    answers.push(await api.client().fail('auth:signIn', { email: desk.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED'));
    // an account disabled everywhere
    await api.core.master.updateTable('users').set({ disabled: 1 }).where('id', '=', outsider.userId).execute();
    answers.push(await api.client().fail('auth:signIn', { email: outsider.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED'));
    // a locked account, with the right password
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED');
    answers.push(await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED'));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.message).not.toMatch(/exist|locked out|unknown/i);
  });

  test('five failed sign-ins lock the account for 15 minutes, then the right password works again', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    for (let i = 0; i < MAX_FAILED_SIGNINS - 1; i++) await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED');
    // four failures do not lock
    await signInAs(api, owner.email);
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED');
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
    api.clock.advanceMinutes(LOCKOUT_MINUTES - 1);
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
    api.clock.advanceMinutes(1.01);
    await signInAs(api, owner.email);
  });

  test('a successful sign-in resets the count of failures', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    for (let i = 0; i < MAX_FAILED_SIGNINS - 1; i++) await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED');
    await signInAs(api, owner.email);
    for (let i = 0; i < MAX_FAILED_SIGNINS - 1; i++) await api.client().fail('auth:signIn', { email: owner.email, password: WRONG }, 'UNAUTHENTICATED');
    await signInAs(api, owner.email);
  });

  test('failures arriving at the same moment are all counted', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    await Promise.all(Array.from({ length: MAX_FAILED_SIGNINS }, () => api.client().call('auth:signIn', { email: owner.email, password: WRONG })));
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
  });

  test('registering a clinic for an existing account needs its password and counts towards the lockout', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const second = (n: number, password: string) => ({
      name: `Second ${n}`,
      contactEmail: owner.email,
      owner: { email: owner.email, fullName: 'Whoever', password },
    });
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) await api.client().fail('auth:registerClinic', second(i, WRONG), 'CONFLICT');
    // locked now, by guesses made through registration
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
    expect(await api.core.master.selectFrom('clinics').select('id').execute()).toHaveLength(1);
    api.clock.advanceMinutes(LOCKOUT_MINUTES + 1);
    const session = await api.client().ok('auth:registerClinic', second(9, STRONG_PASSWORD));
    expect(session.user.id).toBe(owner.userId);
    expect(session.clinics.map((c) => c.name)).toEqual(['City Clinic', 'Second 9']);
    expect(session.activeClinic?.name).toBe('Second 9');
  });

  test('a hash made with older parameters is upgraded at sign-in', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const weak = await hashPassword(STRONG_PASSWORD, { logN: 8, r: 8, p: 1 });
    await api.core.master.updateTable('users').set({ password_hash: weak }).where('id', '=', owner.userId).execute();
    await signInAs(api, owner.email);
    const row = await api.core.master.selectFrom('users').select('password_hash').where('id', '=', owner.userId).executeTakeFirstOrThrow();
    expect(parseHashParams(row.password_hash)).toEqual(TEST_SCRYPT);
    await signInAs(api, owner.email);
  });
});

describe('sessions', () => {
  /** session:get answering the token main holds, to see tokens without ever sending them in production. */
  const revealing: HandlerTable = {
    ...HANDLERS,
    'session:get': publicHandler(async (ctx) => (ctx.session ? ({ token: ctx.session.token } as unknown as SessionInfo) : null)),
  };
  const tokenOf = async (client: ApiClient) => {
    const r = await client.call('session:get', {});
    return r.ok && r.value ? (r.value as unknown as { token: string }).token : null;
  };

  test('each sign-in gets a new random 256-bit token', async () => {
    api = await startApi({ handlers: revealing });
    const owner = await registerViaApi(api, 'City Clinic');
    const first = await tokenOf(owner);
    await owner.ok('auth:signIn', { email: owner.email, password: STRONG_PASSWORD });
    const second = await tokenOf(owner);
    const other = await tokenOf(await signInAs(api, owner.email));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first ?? '', 'base64url')).toHaveLength(32);
    expect(new Set([first, second, other]).size).toBe(3);
  });

  test('signing out ends the session: calls need a new sign-in and the window is told', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    await owner.ok('auth:signOut', {});
    expect(await owner.ok('session:get', {})).toBeNull();
    await owner.fail('users:list', {}, 'UNAUTHENTICATED');
    await owner.fail('clinics:listMine', {}, 'UNAUTHENTICATED');
    expect(owner.events()).toEqual([{ caller: owner.caller, event: 'session-ended', payload: { reason: 'signed-out' } }]);
    // signing out again is harmless
    await owner.ok('auth:signOut', {});
  });

  test('a closed window takes its session with it, and other windows keep theirs', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const other = await signInAs(api, owner.email);
    await api.dispatcher.dropCaller(owner.caller);
    await owner.fail('users:list', {}, 'UNAUTHENTICATED');
    await other.ok('users:list', {});
  });

  test('a session belongs to its caller: another caller is not signed in by it', async () => {
    api = await startApi();
    await registerViaApi(api, 'City Clinic');
    const stranger = api.client();
    expect(await stranger.ok('session:get', {})).toBeNull();
    await stranger.fail('users:list', {}, 'UNAUTHENTICATED');
  });
});

describe('change password', () => {
  test('checks the current password and the policy, then signs out the account’s other windows', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    const elsewhere = await signInAs(api, owner.email);
    const tooShort = await owner.fail('auth:changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'short' }, 'VALIDATION');
    expect(Object.keys(tooShort.fields ?? {})).toEqual(['newPassword']);
    await owner.fail('auth:changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'password123' }, 'VALIDATION');
    const wrong = await owner.fail('auth:changePassword', { currentPassword: WRONG, newPassword: 'a brand new long passphrase' }, 'VALIDATION');
    expect(Object.keys(wrong.fields ?? {})).toEqual(['currentPassword']);

    await owner.ok('auth:changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'a brand new long passphrase' });
    await owner.ok('users:list', {});
    await elsewhere.fail('users:list', {}, 'UNAUTHENTICATED');
    expect(elsewhere.events().map((e) => e.payload)).toEqual([{ reason: 'signed-out' }]);
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
    await signInAs(api, owner.email, 'a brand new long passphrase');
  });

  test('wrong current passwords count towards the lockout', async () => {
    api = await startApi();
    const owner = await registerViaApi(api, 'City Clinic');
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) {
      await owner.fail('auth:changePassword', { currentPassword: WRONG, newPassword: 'a brand new long passphrase' }, 'VALIDATION');
    }
    await owner.fail('auth:changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'a brand new long passphrase' }, 'VALIDATION');
    await api.client().fail('auth:signIn', { email: owner.email, password: STRONG_PASSWORD }, 'UNAUTHENTICATED');
  });
});
