import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/*
 * A hand-written stand-in for the few Electron APIs the shell and the preload use. Electron's
 * binary cannot run here; these fakes record what the code asked for so tests can check it.
 */

let nextContentsId = 1;

export class FakeFrame {
  constructor(
    public url: string,
    public processId = 1,
    public routingId = 1,
  ) {}
}

/** An event object as Electron passes to will-navigate and friends. */
export function cancellable() {
  return { defaultPrevented: false, preventDefault: vi.fn(function (this: { defaultPrevented: boolean }) { this.defaultPrevented = true; }) };
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  readonly send = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  #destroyed = false;

  constructor(url = 'app://medadmin/index.html') {
    super();
    this.mainFrame = new FakeFrame(url, 1, this.id * 10);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    this.#destroyed = true;
    this.emit('destroyed');
  }
  /** A child frame of this page (an iframe), on whatever URL. */
  subframe(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame.processId, this.mainFrame.routingId + 1);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (url: string) => void (this.webContents.mainFrame.url = url));
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  #destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  close(): void {
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, IpcHandler>();
  readonly handle = vi.fn((channel: string, handler: IpcHandler) => {
    // Electron refuses a second handler for the same channel
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => void this.handlers.delete(channel));
  /** Calls a channel as Electron would: with the sender's webContents and the frame it came from. */
  invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler({ sender, senderFrame: frame }, input));
  }
  reset(): void {
    this.handlers.clear();
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  lockAvailable = true;
  readonly paths = new Map<string, string>();
  readonly requestSingleInstanceLock = vi.fn(() => this.lockAvailable);
  /** Like Electron: quitting emits will-quit, which a handler may cancel to finish work first. */
  readonly quit = vi.fn(() => void this.emit('will-quit', cancellable()));
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  #markReady: () => void = () => undefined;
  #ready: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.reset();
  }
  whenReady(): Promise<void> {
    return this.#ready;
  }
  markReady(): void {
    this.#markReady();
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`no path ${name}`);
    return value;
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.lockAvailable = true;
    this.paths.clear();
    this.paths.set('documents', '/home/person/Documents');
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, _input?: unknown): Promise<unknown> => ({ ok: true, value: null }));
}

const exposed = new Map<string, unknown>();

/** The module vi.mock('electron') hands to the code under test; one per test file. */
export const electron = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } },
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  dialog: {
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  },
  webContents: {
    fromId: (id: number) => FakeBrowserWindow.instances.map((w) => w.webContents).find((c) => c.id === id),
  },
  contextBridge: {
    exposed,
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      if (exposed.has(key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
      exposed.set(key, value);
    }),
  },
};

export function resetFakeElectron(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.instances = [];
  electron.app.reset();
  electron.ipcMain.reset();
  electron.ipcRenderer.removeAllListeners();
  exposed.clear();
}
