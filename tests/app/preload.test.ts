import { beforeEach, describe, expect, test, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../preload/contract/events';
import { CHANNEL_NAMES } from '../../preload/contract';
import { EVENT_NAMES } from '../../preload/contract/events';
import { electron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

// the preload runs once per page, at load: import it once and look at what it exposed
await import('../../preload/index');
const exposeCalls = electron.contextBridge.exposeInMainWorld.mock.calls.length;
const medadmin = electron.contextBridge.exposed.get('medadmin') as Record<string, unknown> & {
  on(event: string, listener: (...args: unknown[]) => void): () => void;
};
const ipc = electron.ipcRenderer;

const flatten = (api: Record<string, unknown>): string[] =>
  Object.entries(api).flatMap(([domain, group]) =>
    typeof group === 'function' ? [domain] : Object.keys(group as object).map((verb) => `${domain}:${verb}`),
  );
const fn = (name: string) => {
  const [domain, verb] = name.split(':') as [string, string];
  return (medadmin[domain] as Record<string, (input?: unknown) => Promise<unknown>>)[verb] as (input?: unknown) => Promise<unknown>;
};

beforeEach(() => {
  ipc.invoke.mockClear();
});

test('exactly one object is exposed: window.medadmin', () => {
  expect(exposeCalls).toBe(1);
  expect([...electron.contextBridge.exposed.keys()]).toEqual(['medadmin']);
});

test('it holds one function per contract channel plus `on`, and nothing else', () => {
  expect(new Set(flatten(medadmin))).toEqual(new Set([...CHANNEL_NAMES, 'on']));
  expect(flatten(medadmin)).toHaveLength(CHANNEL_NAMES.length + 1);
  for (const name of CHANNEL_NAMES) expect(typeof fn(name)).toBe('function');
  const values = Object.values(medadmin).flatMap((v) => (typeof v === 'object' && v ? Object.values(v) : [v]));
  expect(values).not.toContain(ipc);
  expect(values.every((v) => typeof v === 'function')).toBe(true);
});

test('a channel function invokes its own channel with the input, and nothing else', async () => {
  ipc.invoke.mockResolvedValueOnce({ ok: true, value: 42 });
  const name = CHANNEL_NAMES[0] as string;
  await expect(fn(name)({ a: 1 })).resolves.toEqual({ ok: true, value: 42 });
  expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(name, { a: 1 });
  for (const other of CHANNEL_NAMES) {
    ipc.invoke.mockClear();
    await fn(other)({});
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(other, {});
  }
});

test('an input IPC cannot carry still answers with a Result', async () => {
  ipc.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
  await expect(fn(CHANNEL_NAMES[0] as string)({ f: () => 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
});

describe('events', () => {
  test('`on` accepts the contract events only', () => {
    for (const name of EVENT_NAMES) medadmin.on(name, () => undefined)();
    for (const name of ['unknown', 'auth:signIn', EVENT_CHANNEL, '__proto__', 'constructor', '']) {
      expect(() => medadmin.on(name, () => undefined)).toThrow();
    }
    expect(() => medadmin.on('progress', 'not a function' as never)).toThrow();
  });

  test('a listener receives the payload only, for its own event, until it unsubscribes', () => {
    const progress = vi.fn();
    const ended = vi.fn();
    const off = medadmin.on('progress', progress);
    medadmin.on('session-ended', ended);
    const payload = { operation: 'backup', runId: 'r1', done: 1, total: 3 };
    ipc.emit(EVENT_CHANNEL, { sender: ipc, ports: [] }, { event: 'progress', payload });
    expect(progress).toHaveBeenCalledExactlyOnceWith(payload);
    expect(progress.mock.calls[0]).toHaveLength(1);
    expect(ended).not.toHaveBeenCalled();
    off();
    ipc.emit(EVENT_CHANNEL, { sender: ipc, ports: [] }, { event: 'progress', payload });
    expect(progress).toHaveBeenCalledOnce();
  });

  test('a message for an unknown event, or a throwing listener, harms nothing', () => {
    const good = vi.fn();
    medadmin.on('session-ended', () => {
      throw new Error('page bug');
    });
    medadmin.on('session-ended', good);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ipc.emit(EVENT_CHANNEL, {}, { event: 'constructor', payload: 1 });
    ipc.emit(EVENT_CHANNEL, {}, null);
    ipc.emit(EVENT_CHANNEL, {}, { event: 'session-ended', payload: { reason: 'signed-out' } });
    quiet.mockRestore();
    expect(good).toHaveBeenCalledExactlyOnceWith({ reason: 'signed-out' });
  });
});
