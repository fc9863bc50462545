import type { BrowserWindow } from 'electron';
import { beforeEach, expect, test, vi } from 'vitest';
import { electron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { focusWindow, mainWindowOptions, openMainWindow } = await import('../../main/app/main-window');

beforeEach(resetFakeElectron);

test('the window isolates, sandboxes and strips Node from the page', () => {
  const options = mainWindowOptions('/app/dist/preload/index.cjs', false);
  expect(options.webPreferences).toEqual({
    preload: '/app/dist/preload/index.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    devTools: false,
  });
  expect(options.show).toBe(false);
});

test('opening the window uses those options, loads the page and shows it once painted', () => {
  const win = openMainWindow(electron.BrowserWindow as unknown as typeof BrowserWindow, {
    preloadPath: '/p.cjs',
    url: 'app://medadmin/index.html',
    devTools: true,
  }) as unknown as FakeBrowserWindow;
  expect(FakeBrowserWindow.instances).toEqual([win]);
  expect(win.options).toEqual(mainWindowOptions('/p.cjs', true));
  expect(win.loadURL).toHaveBeenCalledWith('app://medadmin/index.html');
  expect(win.show).not.toHaveBeenCalled();
  win.emit('ready-to-show');
  expect(win.show).toHaveBeenCalledOnce();
});

test('focusing restores a minimised window and brings it forward', () => {
  const win = new FakeBrowserWindow({});
  win.minimized = true;
  focusWindow(win as unknown as BrowserWindow);
  expect(win.restore).toHaveBeenCalledOnce();
  expect(win.focus).toHaveBeenCalledOnce();
});
