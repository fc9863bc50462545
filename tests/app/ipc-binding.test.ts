import type { IpcMain, WebContents } from 'electron';
import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract';
import type { Result } from '../../preload/contract/errors';
import { appUrlMatcher } from '../../main/app/app-origin';
import { EVENT_CHANNEL } from '../../preload/contract/events';
import { bindIpc, eventSender } from '../../main/app/ipc-binding';
import { memoryLogger } from '../../main/core/log';
import { electron, FakeFrame, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const ipcMain = electron.ipcMain;
let appWindow: FakeWebContents;
let dispatcher: {
  invoke: Mock<(caller: string, channel: string, input: unknown) => Promise<Result<unknown>>>;
  dropCaller: Mock<(caller: string) => Promise<void>>;
};
let log: ReturnType<typeof memoryLogger>;
const channel = CHANNEL_NAMES[0] as string;

function bind(devOrigin: string | null = null) {
  return bindIpc(ipcMain as unknown as IpcMain, dispatcher, { isAppContents: (c) => c === (appWindow as unknown), isAppUrl: appUrlMatcher(devOrigin) }, log);
}

beforeEach(() => {
  resetFakeElectron();
  appWindow = new FakeWebContents('app://medadmin/index.html');
  dispatcher = {
    invoke: vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'from the core' })),
    dropCaller: vi.fn(async () => undefined),
  };
  log = memoryLogger();
});

test('every contract channel is bound exactly once, and nothing else', () => {
  expect(CHANNEL_NAMES.length).toBeGreaterThan(0);
  bind();
  const bound = ipcMain.handle.mock.calls.map(([name]) => name);
  expect(bound).toHaveLength(CHANNEL_NAMES.length);
  expect(new Set(bound)).toEqual(new Set(CHANNEL_NAMES));
});

test('unbinding removes every handler', () => {
  const unbind = bind();
  unbind();
  expect(ipcMain.handlers.size).toBe(0);
  // and a fresh binding is possible again (no channel left registered)
  bind();
  expect(ipcMain.handlers.size).toBe(CHANNEL_NAMES.length);
});

test("a call from the app window's main frame reaches the dispatcher as that window", async () => {
  bind();
  const result = await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, { q: 'x' });
  expect(result).toEqual({ ok: true, value: 'from the core' });
  expect(dispatcher.invoke).toHaveBeenCalledExactlyOnceWith(`wc:${appWindow.id}`, channel, { q: 'x' });
});

test('every channel is routed to the dispatcher under its own name', async () => {
  bind();
  for (const name of CHANNEL_NAMES) await ipcMain.invoke(name, appWindow, appWindow.mainFrame, {});
  expect(dispatcher.invoke.mock.calls.map(([, name]) => name)).toEqual(CHANNEL_NAMES);
});

describe('foreign senders are refused before the dispatcher sees anything', () => {
  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } };
  const cases: [string, () => [FakeWebContents, FakeFrame | null]][] = [
    ['another window showing an app page', () => {
      const other = new FakeWebContents('app://medadmin/index.html');
      return [other, other.mainFrame];
    }],
    ['an iframe inside the app window', () => [appWindow, appWindow.subframe('app://medadmin/index.html')]],
    ['an iframe from the web', () => [appWindow, appWindow.subframe('https://evil.example/')]],
    ['a frame that no longer exists', () => [appWindow, null]],
    ['the app window after navigating to http', () => [appWindow, Object.assign(appWindow.mainFrame, { url: 'http://evil.example/' })]],
    ['the app window showing a file:// page', () => [appWindow, Object.assign(appWindow.mainFrame, { url: 'file:///tmp/index.html' })]],
    ['the app window on another app:// host', () => [appWindow, Object.assign(appWindow.mainFrame, { url: 'app://evil/index.html' })]],
    ['the app window on a dev-server URL in production', () => [appWindow, Object.assign(appWindow.mainFrame, { url: 'http://localhost:5173/' })]],
  ];
  test.each(cases)('%s', async (_name, make) => {
    bind();
    const [sender, frame] = make();
    const result = await ipcMain.invoke(channel, sender, frame, {});
    expect(result).toEqual(forbidden);
    expect(dispatcher.invoke).not.toHaveBeenCalled();
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'ipc.sender.refused', channel }));
  });
});

test('in development the dev server origin counts as the app, and only it', async () => {
  bind('http://localhost:5173');
  appWindow.mainFrame.url = 'http://localhost:5173/#/patients';
  expect(await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, {})).toMatchObject({ ok: true });
  appWindow.mainFrame.url = 'http://localhost:5174/';
  expect(await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(dispatcher.invoke).toHaveBeenCalledOnce();
});

test('a dispatcher failure comes back as INTERNAL data without its details', async () => {
  dispatcher.invoke.mockRejectedValueOnce(new Error('SELECT * FROM patients /home/clinic/master.sqlite3'));
  bind();
  const result = (await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, {})) as Result<unknown>;
  expect(result.ok).toBe(false);
  expect(JSON.stringify(result)).not.toMatch(/SELECT|sqlite3|home/);
  expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
});

test("closing a window ends that window's session, once", async () => {
  bind();
  await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, {});
  await ipcMain.invoke(channel, appWindow, appWindow.mainFrame, {});
  appWindow.destroy();
  expect(dispatcher.dropCaller).toHaveBeenCalledExactlyOnceWith(`wc:${appWindow.id}`);
});

test("events go to the caller's window only, on the one event channel", () => {
  const other = new FakeWebContents();
  const all = [appWindow, other];
  const send = eventSender((id) => all.find((c) => c.id === id) as unknown as WebContents | undefined);
  send(`wc:${appWindow.id}`, 'progress', { operation: 'backup', runId: 'r', done: 1, total: 2 });
  expect(appWindow.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, { event: 'progress', payload: { operation: 'backup', runId: 'r', done: 1, total: 2 } });
  expect(other.send).not.toHaveBeenCalled();
  // unknown, malformed or closed callers are ignored
  send('wc:9999', 'progress', {});
  send('harness-client', 'progress', {});
  other.destroy();
  send(`wc:${other.id}`, 'session-ended', { reason: 'idle-timeout' });
  expect(other.send).not.toHaveBeenCalled();
});
