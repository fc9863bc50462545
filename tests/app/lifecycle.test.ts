import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract';
import { APP_ENTRY_URL } from '../../main/app/app-origin';
import { EVENT_CHANNEL } from '../../preload/contract/events';
import { distLayout } from '../../main/app/dist-layout';
import { mainWindowOptions } from '../../main/app/main-window';
import { clinicInput, tempDir } from '../helpers/temp-core';
import { electron, FakeBrowserWindow, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { runApp } = await import('../../main/app/lifecycle');

const NODE_ADDON = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const { app, ipcMain, protocol } = electron;

let folder: { dir: string; cleanup: () => void };
let distDir: string;
let dataDir: string;

/** A dist folder as the build lays it out; the addon here is the Node build, since tests run in Node. */
function makeDist(addon: 'node' | 'missing' | 'broken' = 'node'): void {
  const native = distLayout(distDir).nativeSqlite;
  mkdirSync(path.dirname(native), { recursive: true });
  if (addon === 'node') copyFileSync(NODE_ADDON, native);
  if (addon === 'broken') writeFileSync(native, 'not a shared library');
}

async function start(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const running = runApp({ distDir, argv: ['electron', '.'], env: { MEDADMIN_DATA_DIR: dataDir, ...env } });
  app.markReady();
  await running;
}

async function quit(): Promise<void> {
  app.quit();
  await vi.waitFor(() => expect(app.exit).toHaveBeenCalled());
}

beforeEach(() => {
  resetFakeElectron();
  folder = tempDir('medadmin-app-');
  distDir = path.join(folder.dir, 'dist');
  dataDir = path.join(folder.dir, 'data');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  if (!app.exit.mock.calls.length && app.listenerCount('will-quit')) await quit();
  vi.restoreAllMocks();
  folder.cleanup();
});

describe('single instance', () => {
  test('a second start hands over to the running app and does nothing itself', async () => {
    app.lockAvailable = false;
    makeDist();
    await runApp({ distDir, argv: [], env: { MEDADMIN_DATA_DIR: dataDir } });
    expect(app.quit).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  test('the running app brings its window forward when started again', async () => {
    makeDist();
    await start();
    const [win] = FakeBrowserWindow.instances as [FakeBrowserWindow];
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], folder.dir);
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('start-up', () => {
  test('registers the app scheme before ready, then opens the data folder, binds IPC and opens the window', async () => {
    makeDist();
    const running = runApp({ distDir, argv: ['electron', '.'], env: { MEDADMIN_DATA_DIR: dataDir } });
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    app.markReady();
    await running;

    expect(existsSync(path.join(dataDir, 'master.sqlite3'))).toBe(true);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(new Set(ipcMain.handlers.keys())).toEqual(new Set(CHANNEL_NAMES));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const [win] = FakeBrowserWindow.instances as [FakeBrowserWindow];
    expect(win.options).toEqual(mainWindowOptions(distLayout(distDir).preload, true));
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  test("the window's calls reach the real core; any other webContents is refused", async () => {
    makeDist();
    await start();
    const [win] = FakeBrowserWindow.instances as [FakeBrowserWindow];
    await expect(ipcMain.invoke('session:get', win.webContents, win.webContents.mainFrame, {})).resolves.toEqual({ ok: true, value: null });
    await expect(ipcMain.invoke('session:get', win.webContents, win.webContents.mainFrame, { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const stranger = new FakeWebContents(APP_ENTRY_URL);
    await expect(ipcMain.invoke('session:get', stranger, stranger.mainFrame, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('every new webContents is hardened; only allowed https links reach the browser', async () => {
    makeDist();
    await start();
    const contents = new FakeWebContents('app://medadmin/index.html');
    app.emit('web-contents-created', {}, contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    for (const url of ['https://evil.example/', 'http://medadmin.app/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://medadmin.app/help' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://medadmin.app/help');
  });

  test('development loads the dev server; a packaged app ignores it', async () => {
    makeDist();
    await start({ MEDADMIN_DEV_SERVER_URL: 'http://localhost:5173' });
    expect(FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    await quit();

    resetFakeElectron();
    app.isPackaged = true;
    await start({ MEDADMIN_DEV_SERVER_URL: 'http://localhost:5173' });
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(win.options).toEqual(mainWindowOptions(distLayout(distDir).preload, false));
  });

  test('a dev server address off this computer stops the start with a plain message', async () => {
    makeDist();
    await start({ MEDADMIN_DEV_SERVER_URL: 'http://evil.example:5173' });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('MedAdmin could not start', expect.stringMatching(/on this computer/));
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  test.each([
    ['missing', /npm start/],
    ['broken', /could not open its data folder/],
  ] as const)('an Electron SQLite addon that is %s stops the start with a plain message', async (addon, message) => {
    makeDist(addon);
    await start();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('MedAdmin could not start', expect.stringMatching(message));
    const text = electron.dialog.showErrorBox.mock.calls[0]?.[1] as string;
    expect(text).not.toContain(folder.dir);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

test('quitting unbinds IPC and closes every database before the process exits', async () => {
  const sigintListeners = process.listenerCount('SIGINT');
  makeDist();
  await start();
  expect(process.listenerCount('SIGINT')).toBe(sigintListeners + 1);
  // an open WAL database keeps its -wal file; a clean close folds it in and removes it
  expect(existsSync(path.join(dataDir, 'master.sqlite3-wal'))).toBe(true);
  await quit();
  expect(app.exit).toHaveBeenCalledExactlyOnceWith(0);
  expect(ipcMain.handlers.size).toBe(0);
  expect(existsSync(path.join(dataDir, 'master.sqlite3-wal'))).toBe(false);
  expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
});

test('a backup missed while the app was closed is taken at start, and finishes before the databases close', async () => {
  makeDist();
  const { startCore } = await import('../../main/core/core');
  const { registerClinic } = await import('../../main/core/tenancy/register-clinic');
  const before = await startCore({ dataDir, scrypt: { logN: 10, r: 8, p: 1 } });
  await registerClinic(before, clinicInput('Nightly Clinic'));
  await before.close();

  await start();
  await quit();
  const master = new Database(path.join(dataDir, 'master.sqlite3'), { readonly: true });
  try {
    const runs = master.prepare('select operation, trigger, status from backup_runs').all();
    expect(runs).toEqual([{ operation: 'backup', trigger: 'scheduled', status: 'ok' }]);
  } finally {
    master.close();
  }
});

test("the idle sweep ends a session left alone and tells that session's window", async () => {
  makeDist();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  try {
    await start();
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    const frame = win.webContents.mainFrame;
    await expect(ipcMain.invoke('auth:registerClinic', win.webContents, frame, clinicInput('Sweep Clinic'))).resolves.toMatchObject({ ok: true });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    vi.advanceTimersByTime(30_000);
    await until(() => win.webContents.send.mock.calls.length > 0);
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, { event: 'session-ended', payload: { reason: 'idle-timeout' } });
    await expect(ipcMain.invoke('session:get', win.webContents, frame, {})).resolves.toEqual({ ok: true, value: null });
  } finally {
    vi.useRealTimers();
  }
});

/** Lets pending I/O and promises run (setImmediate is not faked) until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
}
