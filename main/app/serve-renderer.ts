import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './content-policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

type Lookup = { file: string } | { status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file inside the renderer folder, or to the status that refuses it.
 * The URL parser already folds `..` and `%2e%2e`; what it leaves (encoded slashes and
 * backslashes, NUL, drive letters, empty segments) is refused after decoding, and the resolved
 * path must still lie inside the folder.
 */
function rendererPath(rootDir: string, rawUrl: string): Lookup {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  if (/[\0\\:]/.test(decoded)) return { status: 403 };
  // the pathname always starts with '/'; an empty segment ('//') would read as an absolute path
  const segments = decoded.slice(1).split('/');
  if (segments.at(-1) === '') segments.pop();
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return { status: 403 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  if (path.isAbsolute(relative)) return { status: 403 };
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (!isInside(root, file)) return { status: 403 };
  return { file };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Serves the built renderer for the app scheme. A path without an extension that names no file
 * gets index.html, so reloading on a client-side route still opens the app. Symbolic links that
 * lead out of the folder are refused like any other escape.
 */
export function createRendererHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const lookup = rendererPath(rootDir, request.url);
    if ('status' in lookup) return refuse(lookup.status);
    let file = lookup.file;
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') return refuse(404);
      file = path.join(path.resolve(rootDir), 'index.html');
    }
    try {
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
      if (!isInside(realRoot, realFile)) return refuse(403);
      const body = request.method === 'HEAD' ? null : await readFile(realFile);
      const type = CONTENT_TYPES[path.extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
    } catch {
      return refuse(404);
    }
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}
