// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import type { MedAdminApi } from '../../preload/contract';
import type { SessionInfo } from '../../preload/contract/channels/session';
import type { Result } from '../../preload/contract/errors';
import { request, SOMETHING_WENT_WRONG } from '../../renderer/src/api/request';
import { useBanner } from '../../renderer/src/state/banner';
import { useSession } from '../../renderer/src/state/session';

const session: SessionInfo = {
  user: { id: 'u1', email: 'dana@example.test', fullName: 'Dana' },
  clinics: [],
  activeClinic: null,
  idleTimeoutMinutes: 15,
};

let sessionGets = 0;
let sessionAnswer: Result<SessionInfo | null> = { ok: true, value: session };

/** Only what these tests call; request() hands the bridge to the call it is given. */
const fakeBridge = { session: { get: async () => (sessionGets++, sessionAnswer) } } as unknown as MedAdminApi;
Object.defineProperty(window, 'medadmin', { value: fakeBridge, configurable: true });

const failing = (code: string, message: string, fields?: Record<string, string>) => async () =>
  ({ ok: false, error: { code, message, ...(fields && { fields }) } }) as Result<never>;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  sessionGets = 0;
  sessionAnswer = { ok: true, value: session };
  useBanner.setState({ banner: null });
  useSession.setState({ status: 'signed-in', session, notice: null });
});

describe('request() turns refusals into screen state', () => {
  test('INTERNAL shows the fixed text and never main’s words', async () => {
    const outcome = await request(failing('INTERNAL', 'SQLITE_CORRUPT at /home/clinic/master.sqlite3'));
    expect(outcome).toEqual({ ok: false, error: { message: null, fields: {} } });
    expect(useBanner.getState().banner).toBe(SOMETHING_WENT_WRONG);
  });

  test('a bridge that throws counts as INTERNAL, so no screen waits forever', async () => {
    const outcome = await request(async () => {
      throw new Error('structured clone failed');
    });
    expect(outcome.ok).toBe(false);
    expect(useBanner.getState().banner).toBe(SOMETHING_WENT_WRONG);
  });

  test('UNAUTHENTICATED while signed in returns to sign-in with main’s reason', async () => {
    const outcome = await request(failing('UNAUTHENTICATED', 'Please sign in.'));
    expect(useSession.getState()).toMatchObject({ status: 'signed-out', session: null, notice: 'Please sign in.' });
    expect(outcome).toEqual({ ok: false, error: { message: null, fields: {} } });
  });

  test('UNAUTHENTICATED on the sign-in form is that form’s message (the wrong-password case)', async () => {
    useSession.setState({ status: 'signed-out', session: null, notice: null });
    const outcome = await request(failing('UNAUTHENTICATED', 'The email or password is not correct.'));
    expect(outcome).toEqual({ ok: false, error: { message: 'The email or password is not correct.', fields: {} } });
    expect(useSession.getState().notice).toBeNull();
  });

  test('VALIDATION hands the per-field messages to the form, keyed as main sent them', async () => {
    const outcome = await request(failing('VALIDATION', 'Some fields need attention.', { 'owner.email': 'Enter a valid email address.' }));
    expect(outcome).toEqual({ ok: false, error: { message: 'Some fields need attention.', fields: { 'owner.email': 'Enter a valid email address.' } } });
    expect(useBanner.getState().banner).toBeNull();
  });

  test('SUBSCRIPTION_READ_ONLY is explained at the form and the session is read again for the header', async () => {
    const readOnly = { ...session, idleTimeoutMinutes: 30 };
    sessionAnswer = { ok: true, value: readOnly };
    const outcome = await request(failing('SUBSCRIPTION_READ_ONLY', 'This clinic is read-only.'));
    expect(outcome).toEqual({ ok: false, error: { message: 'This clinic is read-only.', fields: {} } });
    await settle();
    expect(sessionGets).toBe(1);
    expect(useSession.getState().session).toBe(readOnly);
  });

  test('TENANT_UNAVAILABLE goes to the banner with main’s message', async () => {
    await request(failing('TENANT_UNAVAILABLE', 'This clinic’s data cannot be opened right now.'));
    expect(useBanner.getState().banner).toBe('This clinic’s data cannot be opened right now.');
  });

  test('CONFLICT, FORBIDDEN, NOT_FOUND and LIMIT_REACHED belong to the form that asked', async () => {
    for (const code of ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'LIMIT_REACHED']) {
      const outcome = await request(failing(code, `${code} message`));
      expect(outcome).toEqual({ ok: false, error: { message: `${code} message`, fields: {} } });
    }
    expect(useBanner.getState().banner).toBeNull();
    expect(useSession.getState().status).toBe('signed-in');
  });

  test('success passes the value through untouched', async () => {
    expect(await request(async () => ({ ok: true, value: 42 }))).toEqual({ ok: true, value: 42 });
  });
});
