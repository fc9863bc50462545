import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, webContents } from 'electron';
import { existsSync } from 'node:fs';
import { createDispatcher } from '../core/api/dispatcher';
import { resolveDataDir } from '../core/config/data-dir';
import { startCore, type Core } from '../core/core';
import { useSqliteNativeBinding } from '../core/db/sqlite';
import { AppError } from '../core/errors';
import { createBackupScheduler } from '../core/backup/scheduler';
import { streamLogger } from '../core/log';
import { APP_ENTRY_URL, appUrlMatcher, devServerUrl } from './app-origin';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { distLayout, unpackedPath } from './dist-layout';
import { isAllowedExternalUrl } from './external-links';
import { electronFileDialogs } from './file-dialogs';
import { hardenSession, hardenWebContents } from './harden';
import { bindIpc, eventSender } from './ipc-binding';
import { logError } from './log-error';
import { focusWindow, openMainWindow } from './main-window';
import { startupFailureMessage } from './startup-message';

/** How often sessions idle past their clinic's limit are ended (each call checks its own too). */
const IDLE_SWEEP_MS = 30_000;
/** Scheduled backups are checked each minute; the scheduler itself decides when one is due. */
const BACKUP_TICK_MS = 60_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

interface AppOptions {
  /** The folder holding main/, preload/, renderer/ and native/ as the build lays them out. */
  distDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The app's whole life: one instance per person; on ready the core (data folder, master
 * database), the dispatcher and its IPC binding, then the window. Quitting closes every
 * database (checkpointing its WAL) before the process ends.
 */
export async function runApp(options: AppOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // another MedAdmin is running; it is brought to the front by its 'second-instance' handler
    app.quit();
    return;
  }
  const log = streamLogger(options.env.MEDADMIN_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const layout = distLayout(options.distDir);
  // the same folder the CLI uses (MEDADMIN_DATA_DIR, else the platform's app-data folder)
  app.setPath('userData', resolveDataDir(undefined, options.env));
  // every renderer sandboxed, including any a window option forgets to sandbox
  app.enableSandbox();
  registerAppScheme(protocol);

  const appContents = new Set<number>();
  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;
  let unbind: (() => void) | null = null;
  let sweep: NodeJS.Timeout | null = null;
  let backupTimer: NodeJS.Timeout | null = null;
  let backupRun: Promise<unknown> = Promise.resolve();

  const openLink = (url: string): void => {
    if (isAllowedExternalUrl(url)) shell.openExternal(url).catch((err: unknown) => logError(log, 'link.open.failed', err));
    else log.write({ level: 'warn', event: 'link.refused' });
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openLink));
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
  });
  // closing the window ends the work: sessions end and the databases are closed cleanly
  app.on('window-all-closed', () => app.quit());

  const quitOnSignal = (): void => app.quit();
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const signal of SIGNALS) process.off(signal, quitOnSignal);
      if (sweep) clearInterval(sweep);
      if (backupTimer) clearInterval(backupTimer);
      unbind?.();
      // a scheduled backup under way finishes before its databases close
      await backupRun;
      await core?.close();
    })());
  app.on('will-quit', (event) => {
    event.preventDefault();
    stop().then(
      () => app.exit(0),
      (err: unknown) => {
        logError(log, 'app.shutdown.failed', err);
        app.exit(1);
      },
    );
  });
  // Ctrl+C in the terminal of `npm start` closes the databases like the window's close button
  for (const signal of SIGNALS) process.on(signal, quitOnSignal);

  try {
    await app.whenReady();
    // a packaged app never loads a page from a server, whatever its environment says
    const devOrigin = app.isPackaged ? null : devServerUrl(options.argv, options.env);
    const nativeSqlite = unpackedPath(layout.nativeSqlite);
    if (!existsSync(nativeSqlite)) {
      throw new AppError('INTERNAL', 'The database engine built for this version of Electron is missing. Start the app with `npm start`, which builds it.');
    }
    useSqliteNativeBinding(nativeSqlite);
    core = await startCore({ dataDir: app.getPath('userData') });
    hardenSession(session.defaultSession);
    serveAppScheme(protocol, layout.rendererDir);

    const dispatcher = createDispatcher(core, {
      emit: eventSender((id) => webContents.fromId(id)),
      dialogs: electronFileDialogs(dialog, () => mainWindow, () => app.getPath('documents')),
      logger: log,
    });
    unbind = bindIpc(ipcMain, dispatcher, { isAppContents: (contents) => appContents.has(contents.id), isAppUrl: appUrlMatcher(devOrigin) }, log);
    sweep = setInterval(() => {
      dispatcher.sweepIdleSessions().catch((err: unknown) => logError(log, 'session.sweep.failed', err));
    }, IDLE_SWEEP_MS);

    // the first tick runs now, so a backup missed while the app was closed is taken at start
    const backups = createBackupScheduler(core, { logger: log });
    const backupTick = (): void => {
      backupRun = backups.tick().catch((err: unknown) => logError(log, 'backup.tick.failed', err));
    };
    backupTick();
    backupTimer = setInterval(backupTick, BACKUP_TICK_MS);

    const win = openMainWindow(BrowserWindow, { preloadPath: layout.preload, url: devOrigin ? `${devOrigin}/` : APP_ENTRY_URL, devTools: !app.isPackaged });
    const contentsId = win.webContents.id;
    appContents.add(contentsId);
    win.on('closed', () => {
      appContents.delete(contentsId);
      mainWindow = null;
    });
    mainWindow = win;
    log.write({ level: 'info', event: 'app.started' });
  } catch (err) {
    logError(log, 'app.start.failed', err);
    dialog.showErrorBox('MedAdmin could not start', startupFailureMessage(err));
    await stop().catch(() => undefined);
    app.exit(1);
  }
}
