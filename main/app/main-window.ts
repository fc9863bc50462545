import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer is treated as hostile: isolated from the preload, sandboxed, without Node, with
 * the same-origin policy on and no <webview>. Developer tools only in development.
 */
export function mainWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'MedAdmin',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
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
      devTools,
    },
  };
}

interface MainWindowOptions {
  preloadPath: string;
  url: string;
  devTools: boolean;
}

/** Opens the app window; it is shown once the first paint is ready, so no white flash. */
export function openMainWindow(Window: typeof BrowserWindow, options: MainWindowOptions): BrowserWindow {
  const win = new Window(mainWindowOptions(options.preloadPath, options.devTools));
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url).catch((err: unknown) => console.error('the app window could not load', err));
  return win;
}

/** Brings an existing window to the front, e.g. when the app is started a second time. */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
