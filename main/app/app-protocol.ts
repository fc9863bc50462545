import type { Protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { createRendererHandler } from './serve-renderer';

/**
 * Must run before the app is ready. A standard, secure scheme gives the page a real origin (so
 * CSP 'self', fetch and storage work) without the extra powers file:// pages get.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer folder on the app scheme; runs once the app is ready. */
export function serveAppScheme(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}
