import fc from 'fast-check';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/app/content-policy';
import { createRendererHandler } from '../../main/app/serve-renderer';
import { tempDir } from '../helpers/temp-core';

const SECRET = 'PATIENT-RECORDS-SECRET';
let cleanup: () => void;
let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  const t = tempDir('medadmin-protocol-');
  cleanup = t.cleanup;
  root = path.join(t.dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>MedAdmin</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
  // a sibling whose name starts like the root: a prefix check would let it through
  mkdirSync(path.join(t.dir, 'renderer-private'));
  writeFileSync(path.join(t.dir, 'renderer-private', 'secret.txt'), SECRET);
  writeFileSync(path.join(t.dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(t.dir, 'master.sqlite3'), SECRET);
  symlinkSync(path.join(t.dir, 'secret.txt'), path.join(root, 'assets', 'linked.txt'));
  symlinkSync(t.dir, path.join(root, 'outside'));
  serve = createRendererHandler(root);
});
afterAll(() => cleanup());

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// scheme', () => {
  test('serves the built files with their types', async () => {
    const index = await get('app://medadmin/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>MedAdmin</title>');
    const js = await get('app://medadmin/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://medadmin/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://medadmin/index.html?x=1#top')).status).toBe(200);
  });

  test('a client-side route reloads into index.html; a missing file is 404', async () => {
    const route = await get('app://medadmin/patients/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>MedAdmin</title>');
    expect((await get('app://medadmin/assets/missing.js')).status).toBe(404);
  });

  test('only the app host and only reads are served', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://medadmin.evil/index.html')).status).toBe(404);
    expect((await get('app://medadmin/index.html', 'POST')).status).toBe(405);
    expect((await get('app://medadmin/index.html', 'HEAD')).status).toBe(200);
  });

  test('every response carries the strict content security policy', async () => {
    for (const url of ['app://medadmin/', 'app://medadmin/assets/app.js', 'app://medadmin/missing.png', 'app://medadmin/%2e%2e/secret.txt']) {
      expect((await get(url)).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:/);
    expect((await get('app://medadmin/')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  const attacks = [
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..%5csecret.txt',
    '/..%5Csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/.%2e/secret.txt',
    '/%2e./secret.txt',
    '/../renderer-private/secret.txt',
    '/%2e%2e/renderer-private/secret.txt',
    '/..%2frenderer-private%2fsecret.txt',
    '/../master.sqlite3',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/%2F%2Fetc%2Fpasswd',
    '/C:/Windows/win.ini',
    '/C:%5cWindows%5cwin.ini',
    '/%00',
    '/index.html%00.js',
    '/secret.txt%00',
    '/assets/linked.txt',
    '/outside/secret.txt',
    '/outside/renderer-private/secret.txt',
    '/%',
    '/%zz',
    '/%c0%ae%c0%ae/secret.txt',
    '/./../secret.txt',
    '/assets/./../../secret.txt',
  ];

  test.each(attacks)('refuses %s', async (attack) => {
    const res = await get(`app://medadmin${attack}`);
    expect([400, 403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain(SECRET);
  });

  test('no path made of traversal pieces ever reaches a file outside the folder', async () => {
    const piece = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%2F', '%5c', '\\', '%00', '%252e', 'assets', 'outside', 'renderer-private', 'secret.txt', 'master.sqlite3', '', 'C:');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('/', '%2f', '\\'), async (pieces, sep) => {
        const res = await get(`app://medadmin/${pieces.join(sep)}`);
        expect(await res.text()).not.toContain(SECRET);
      }),
      { numRuns: 300 },
    );
  });
});
