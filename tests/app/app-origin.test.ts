import { describe, expect, test } from 'vitest';
import { APP_ENTRY_URL, appUrlMatcher, devServerUrl } from '../../main/app/app-origin';
import { unpackedPath } from '../../main/app/dist-layout';

describe('the dev server address', () => {
  test('comes from MEDADMIN_DEV_SERVER_URL or --dev, else there is none', () => {
    expect(devServerUrl(['electron', '.'], {})).toBeNull();
    expect(devServerUrl(['electron', '.', '--dev'], {})).toBe('http://localhost:5173');
    expect(devServerUrl([], { MEDADMIN_DEV_SERVER_URL: 'http://127.0.0.1:5180/some/path' })).toBe('http://127.0.0.1:5180');
  });

  test.each(['http://192.168.1.10:5173', 'https://evil.example', 'http://localhost.evil.example:5173', 'file:///tmp/index.html', 'not a url'])(
    'must be on this computer: %s is refused',
    (url) => {
      expect(() => devServerUrl([], { MEDADMIN_DEV_SERVER_URL: url })).toThrow();
    },
  );
});

describe('what counts as an app page', () => {
  const production = appUrlMatcher(null);
  const development = appUrlMatcher('http://localhost:5173');

  test('the app scheme and host, in any build', () => {
    for (const match of [production, development]) {
      expect(match(APP_ENTRY_URL)).toBe(true);
      expect(match('app://medadmin/#/patients')).toBe(true);
      expect(match('app://other/index.html')).toBe(false);
      expect(match('app://medadmin.evil/index.html')).toBe(false);
    }
  });

  test('the dev server origin only while developing', () => {
    expect(development('http://localhost:5173/')).toBe(true);
    expect(production('http://localhost:5173/')).toBe(false);
    expect(development('http://localhost:5174/')).toBe(false);
    expect(development('https://localhost:5173/')).toBe(false);
  });

  test.each(['file:///index.html', 'https://medadmin.app/', 'about:blank', 'data:text/html,hi', '', 'devtools://devtools/bundled/x.html'])('never %s', (url) => {
    expect(production(url)).toBe(false);
    expect(development(url)).toBe(false);
  });
});

test('a native addon inside the packaged archive is loaded from the unpacked folder', () => {
  expect(unpackedPath('/opt/MedAdmin/resources/app.asar/dist/native/better_sqlite3.node')).toBe('/opt/MedAdmin/resources/app.asar.unpacked/dist/native/better_sqlite3.node');
  expect(unpackedPath('C:\\MedAdmin\\resources\\app.asar\\dist\\native\\better_sqlite3.node')).toBe('C:\\MedAdmin\\resources\\app.asar.unpacked\\dist\\native\\better_sqlite3.node');
  expect(unpackedPath('/work/main/dist/native/better_sqlite3.node')).toBe('/work/main/dist/native/better_sqlite3.node');
});
