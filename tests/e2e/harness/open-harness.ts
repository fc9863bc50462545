import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { assertChromium, CHROMIUM_ARGS } from './chromium';
import { E2E_PATHS } from './paths';
import { CLOCK_PATH, TOKEN_GLOBAL, TOKEN_HEADER, type ReadyLine } from './protocol';

export interface Harness {
  url: string;
  /** A new tab: a new caller with its own session, as a second app window would be. */
  newPage(): Promise<Page>;
  /** Moves the core's clock forward (the idle sign-out is measured on it). */
  advanceClock(ms: number): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

function startServer(): Promise<{ child: ChildProcess; ready: ReadyLine }> {
  const child = spawn(process.execPath, ['--import', 'tsx', E2E_PATHS.serverEntry, '--renderer', E2E_PATHS.rendererDir], {
    cwd: E2E_PATHS.root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the harness server exited early (code ${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, ready: JSON.parse(line) as ReadyLine }));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}

/** One server process and one fresh browser profile per test file; close() ends both by their own handles. */
export async function openHarness(): Promise<Harness> {
  const executablePath = assertChromium();
  const bridge = readFileSync(E2E_PATHS.bridgeBundle, 'utf8');
  const profile = mkdtempSync(path.join(tmpdir(), 'medadmin-e2e-profile-'));
  // the server's start (core, migrations) and Chromium's start overlap
  const [server, browser] = await Promise.allSettled([
    startServer(),
    chromium.launchPersistentContext(profile, {
      executablePath,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
    }),
  ]);
  if (server.status === 'rejected' || browser.status === 'rejected') {
    if (server.status === 'fulfilled') await stopServer(server.value.child);
    if (browser.status === 'fulfilled') await browser.value.close();
    rmSync(profile, { recursive: true, force: true });
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  const { child, ready } = server.value;
  const context: BrowserContext = browser.value;
  // a screen that is not there within 10 s is a failure, not something to wait 30 s for
  context.setDefaultTimeout(10_000);
  // before any of the app's scripts, exactly where the Electron preload would run
  await context.addInitScript({ content: `globalThis.${TOKEN_GLOBAL} = ${JSON.stringify(ready.token)};\n${bridge}` });
  for (const page of context.pages()) await page.close();

  return {
    url: ready.url,
    async newPage() {
      const page = await context.newPage();
      await page.goto(ready.url);
      return page;
    },
    async advanceClock(ms) {
      const res = await fetch(new URL(CLOCK_PATH, ready.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: ready.token },
        body: JSON.stringify({ advanceMs: ms }),
      });
      if (!res.ok) throw new Error(`advancing the clock failed: ${res.status}`);
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(E2E_PATHS.screenshots, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await stopServer(child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
