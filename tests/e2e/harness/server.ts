/**
 * TEST TOOL, never shipped: the real core behind a small HTTP server on 127.0.0.1, serving the
 * built renderer. Started as its own process by the e2e tests (`node --import tsx server.ts`),
 * it prints one JSON ReadyLine on stdout and runs until SIGTERM.
 *
 * Every request must carry this run's random token; each browser tab is one caller, as each
 * Electron window is. Pages get the app's own security headers (its strict CSP), so an inline
 * script or eval in the renderer fails here as it would in the app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { FileDialogs } from '../../../main/core/api/handler';
import { SECURITY_HEADERS } from '../../../main/app/content-policy';
import { createDispatcher } from '../../../main/core/api/dispatcher';
import { startCore } from '../../../main/core/core';
import { streamLogger } from '../../../main/core/log';
import { TEST_SCRYPT } from '../../helpers/temp-core';
import { E2E_PATHS } from './paths';
import {
  CALLER_HEADER,
  CALLER_PATTERN,
  CLOCK_PATH,
  EVENTS_PATH,
  RPC_PATH,
  TOKEN_HEADER,
  type EventMessage,
  type ReadyLine,
  type RpcRequest,
} from './protocol';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_BODY = 1024 * 1024;
/** A reload closes the event stream for a moment; only a tab gone for this long loses its session. */
const DROP_AFTER_MS = 10_000;
/** As the app does on a timer; the clock control also sweeps at once, so tests need not wait. */
const IDLE_SWEEP_MS = 30_000;

const { values: args } = parseArgs({ options: { renderer: { type: 'string' }, 'data-dir': { type: 'string' } } });
const rendererDir = path.resolve(args.renderer ?? E2E_PATHS.rendererDir);
const ownDataDir = !args['data-dir'];
const dataDir = args['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'medadmin-e2e-'));
const filesDir = path.join(dataDir, 'harness-files');
mkdirSync(filesDir, { recursive: true, mode: 0o700 });

const token = randomBytes(32).toString('base64url');
let clockOffsetMs = 0;
const core = await startCore({ dataDir, scrypt: TEST_SCRYPT, clock: () => new Date(Date.now() + clockOffsetMs) });

/** Saves land in the run's own folder; opening a file is "cancelled", as no test picks one yet. */
const dialogs: FileDialogs = {
  chooseSaveFile: async ({ defaultName }) => path.join(filesDir, path.basename(defaultName)),
  chooseOpenFile: async () => null,
  chooseFolder: async () => filesDir,
};

const callers = new Set<string>();
const streams = new Map<string, Set<ServerResponse>>();
const dropTimers = new Map<string, NodeJS.Timeout>();

const dispatcher = createDispatcher(core, {
  dialogs,
  // refusals are the tests' everyday business; only real failures belong in the test output
  logger: streamLogger('warn'),
  emit(caller, event, payload) {
    const message: EventMessage = { event, payload };
    for (const res of streams.get(caller) ?? []) res.write(`data: ${JSON.stringify(message)}\n\n`);
  },
});

const callerKey = (id: string) => `harness:${id}`;

function hasToken(given: string | null | undefined): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = req.headers[CALLER_HEADER];
  if (!hasToken(req.headers[TOKEN_HEADER] as string | undefined) || typeof caller !== 'string' || !CALLER_PATTERN.test(caller)) {
    return send(res, 403, 'forbidden');
  }
  let body: RpcRequest;
  try {
    body = JSON.parse(await readBody(req)) as RpcRequest;
  } catch {
    return send(res, 400, 'bad request');
  }
  if (typeof body?.channel !== 'string') return send(res, 400, 'bad request');
  callers.add(callerKey(caller));
  const result = await dispatcher.invoke(callerKey(caller), body.channel, body.input);
  send(res, 200, JSON.stringify(result), 'application/json');
}

function handleEvents(url: URL, res: ServerResponse): void {
  const caller = url.searchParams.get('caller') ?? '';
  if (!hasToken(url.searchParams.get('token')) || !CALLER_PATTERN.test(caller)) return send(res, 403, 'forbidden');
  const key = callerKey(caller);
  clearTimeout(dropTimers.get(key));
  dropTimers.delete(key);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const set = streams.get(key) ?? new Set();
  streams.set(key, set);
  set.add(res);
  res.on('close', () => {
    set.delete(res);
    if (set.size > 0) return;
    streams.delete(key);
    dropTimers.set(
      key,
      setTimeout(() => {
        dropTimers.delete(key);
        void dispatcher.dropCaller(key);
      }, DROP_AFTER_MS),
    );
  });
}

async function handleClock(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hasToken(req.headers[TOKEN_HEADER] as string | undefined)) return send(res, 403, 'forbidden');
  const { advanceMs } = JSON.parse(await readBody(req)) as { advanceMs: number };
  if (!Number.isFinite(advanceMs) || advanceMs < 0) return send(res, 400, 'bad request');
  clockOffsetMs += advanceMs;
  await dispatcher.sweepIdleSessions();
  send(res, 200, JSON.stringify({ now: core.clock().toISOString() }), 'application/json');
}

function serveStatic(url: URL, res: ServerResponse): void {
  const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  const file = path.resolve(rendererDir, relative);
  if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'not found');
  let body: Buffer;
  try {
    if (!statSync(file).isFile()) return send(res, 404, 'not found');
    body = readFileSync(file);
  } catch {
    return send(res, 404, 'not found');
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  res.end(body);
}

const server = createServer((req, res) => {
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  // a page on another origin (or a rebound DNS name) must not reach the core
  if (req.headers.host !== host) return send(res, 421, 'misdirected');
  const url = new URL(req.url ?? '/', `http://${host}`);
  const route =
    req.method === 'POST' && url.pathname === RPC_PATH
      ? handleRpc(req, res)
      : req.method === 'POST' && url.pathname === CLOCK_PATH
        ? handleClock(req, res)
        : req.method === 'GET' && url.pathname === EVENTS_PATH
          ? handleEvents(url, res)
          : req.method === 'GET'
            ? serveStatic(url, res)
            : send(res, 405, 'method not allowed');
  Promise.resolve(route).catch((err: unknown) => {
    console.error('harness request failed', err);
    if (!res.headersSent) send(res, 500, 'internal error');
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const sweep = setInterval(() => void dispatcher.sweepIdleSessions(), IDLE_SWEEP_MS);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  clearInterval(sweep);
  for (const timer of dropTimers.values()) clearTimeout(timer);
  for (const set of streams.values()) for (const res of set) res.end();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const key of callers) await dispatcher.dropCaller(key);
  await core.close();
  if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

const ready: ReadyLine = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, token, pid: process.pid };
process.stdout.write(`${JSON.stringify(ready)}\n`);
