import { AppError } from '../core/errors';

/**
 * Where the renderer comes from. Production pages are served by our own privileged scheme, so a
 * page from anywhere else (a file, a web site, a redirect) never counts as the app.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'medadmin';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The Vite dev server used in development; only a loopback http(s) address is accepted. */
export function devServerUrl(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  const wanted = env.MEDADMIN_DEV_SERVER_URL || (argv.includes('--dev') ? 'http://localhost:5173' : '');
  if (!wanted) return null;
  const url = URL.canParse(wanted) ? new URL(wanted) : null;
  const loopback = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || !loopback || !['http:', 'https:'].includes(url.protocol)) {
    throw new AppError('VALIDATION', 'MEDADMIN_DEV_SERVER_URL must be an http(s) address on this computer, such as http://localhost:5173.');
  }
  return url.origin;
}

/**
 * Decides whether a page URL belongs to the app: our scheme and host, or the dev server's origin
 * while developing. Node's URL gives custom schemes an opaque origin, so scheme and host are
 * compared instead.
 */
export function appUrlMatcher(devOrigin: string | null): (url: string) => boolean {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return devOrigin !== null && url.origin === devOrigin;
  };
}
