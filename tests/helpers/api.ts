/**
 * Calls channels the way a window does: through the real dispatcher over a real core in a
 * temporary folder, as a real signed-in person. Typed from the contract, so a test passes the
 * same input the renderer would and gets the same Result back.
 *
 *   const api = await startApi();
 *   const owner = await registerViaApi(api, 'City Clinic');
 *   const desk = await asRole(owner, 'front_desk');
 *   const patient = await desk.ok('patients:create', { ... });
 *   expectError(await desk.call('users:list', {}), 'FORBIDDEN');
 *   await api.dispose();
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract';
import type { SessionInfo } from '../../preload/contract/channels/session';
import type { ChannelSpec } from '../../preload/contract/define';
import type { ErrorCode, ErrorPayload, Result } from '../../preload/contract/errors';
import type { EventName } from '../../preload/contract/events';
import { createDispatcher, type Dispatcher } from '../../main/core/api/dispatcher';
import type { FileDialogs, HandlerTable } from '../../main/core/api/handler';
import type { Clock } from '../../main/core/clock';
import type { Core } from '../../main/core/core';
import { memoryLogger, type LogEntry } from '../../main/core/log';
import type { Role } from '../../main/core/master/schema';
import { clinicInput, startTempCore, STRONG_PASSWORD } from './temp-core';

/** A clock the test moves by hand; the core, sessions and lockouts all read it. */
export interface TestClock {
  clock: Clock;
  now(): Date;
  advance(ms: number): void;
  advanceMinutes(minutes: number): void;
  advanceDays(days: number): void;
  set(date: Date): void;
}

export function testClock(start: Date = new Date()): TestClock {
  let t = start.getTime();
  return {
    clock: () => new Date(t),
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    advanceMinutes: (minutes) => void (t += minutes * 60_000),
    advanceDays: (days) => void (t += days * 86_400_000),
    set: (date) => void (t = date.getTime()),
  };
}

export interface EmittedEvent {
  caller: string;
  event: EventName;
  payload: unknown;
}

export interface Api {
  core: Core;
  dir: string;
  dispatcher: Dispatcher;
  clock: TestClock;
  /** Every event the dispatcher sent, to any caller, in order. */
  events: EmittedEvent[];
  /** Every line main logged. */
  logs: LogEntry[];
  /** A new caller (a new window), not signed in. */
  client(caller?: string): ApiClient;
  dispose(): Promise<void>;
}

export interface ApiClient {
  api: Api;
  caller: string;
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Calls and expects success; a failure throws with its code and message. */
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls and expects this error code; returns the error for further checks. */
  fail<C extends ChannelName>(channel: C, input: ChannelInput<C>, code: ErrorCode): Promise<ErrorPayload>;
  /** Events sent to this caller. */
  events(): EmittedEvent[];
}

export interface SignedIn extends ApiClient {
  userId: string;
  email: string;
  password: string;
  /** The active clinic when this client signed in. */
  clinicId: string;
  session: SessionInfo;
}

export interface StartApiOptions {
  clock?: TestClock;
  cacheSize?: number;
  handlers?: HandlerTable;
  contract?: Record<string, ChannelSpec>;
  dialogs?: FileDialogs;
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.value;
}

export function expectError(result: Result<unknown>, code: ErrorCode): ErrorPayload {
  if (result.ok) throw new Error(`expected ${code}, got success: ${JSON.stringify(result.value)}`);
  if (result.error.code !== code) throw new Error(`expected ${code}, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.error;
}

let callers = 0;

export async function startApi(options: StartApiOptions = {}): Promise<Api> {
  const clock = options.clock ?? testClock();
  const temp = await startTempCore({ clock: clock.clock, ...(options.cacheSize && { cacheSize: options.cacheSize }) });
  const events: EmittedEvent[] = [];
  const logger = memoryLogger();
  const dispatcher = createDispatcher(temp.core, {
    emit: (caller, event, payload) => void events.push({ caller, event, payload }),
    logger,
    ...(options.handlers && { handlers: options.handlers }),
    ...(options.contract && { contract: options.contract }),
    ...(options.dialogs && { dialogs: options.dialogs }),
  });
  const api: Api = {
    core: temp.core,
    dir: temp.dir,
    dispatcher,
    clock,
    events,
    logs: logger.entries,
    client: (caller = `test:${++callers}`) => makeClient(api, caller),
    dispose: () => temp.dispose(),
  };
  return api;
}

function makeClient(api: Api, caller: string): ApiClient {
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) =>
    api.dispatcher.invoke(caller, channel, input) as Promise<Result<ChannelOutput<C>>>;
  return {
    api,
    caller,
    call,
    ok: async (channel, input) => expectOk(await call(channel, input)),
    fail: async (channel, input, code) => expectError(await call(channel, input), code),
    events: () => api.events.filter((e) => e.caller === caller),
  };
}

function signedIn(client: ApiClient, session: SessionInfo, password: string): SignedIn {
  if (!session.activeClinic) throw new Error('signed in without an active clinic');
  return Object.assign(client, { userId: session.user.id, email: session.user.email, password, clinicId: session.activeClinic.id, session });
}

/**
 * Registers a clinic through auth:registerClinic; the returned client is its signed-in owner.
 * The plan is Enterprise (no limits) unless `overrides.plan` says otherwise, so that only tests
 * about limits meet them.
 */
export async function registerViaApi(api: Api, name = 'City Clinic', overrides: Record<string, unknown> = {}): Promise<SignedIn> {
  const client = api.client();
  const input = clinicInput(name, { plan: 'enterprise', ...overrides }) as ChannelInput<'auth:registerClinic'>;
  const session = await client.ok('auth:registerClinic', input);
  return signedIn(client, session, input.owner.password);
}

/** Signs in as an existing user from a new caller (a new window). */
export async function signInAs(api: Api, email: string, password = STRONG_PASSWORD): Promise<SignedIn> {
  const client = api.client();
  return signedIn(client, await client.ok('auth:signIn', { email, password }), password);
}

let people = 0;

/**
 * A new person with `role` in the admin's active clinic, created through users:create and
 * signed in from their own caller.
 */
export async function asRole(admin: SignedIn, role: Role, person: { email?: string; fullName?: string } = {}): Promise<SignedIn> {
  const n = ++people;
  const email = person.email ?? `${role.replace('_', '-')}-${n}@${admin.session.activeClinic?.slug ?? 'clinic'}.example`;
  await admin.ok('users:create', { email, fullName: person.fullName ?? `Test ${role} ${n}`, password: STRONG_PASSWORD, role });
  return signInAs(admin.api, email);
}
