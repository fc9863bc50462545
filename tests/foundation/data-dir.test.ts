import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dataLayout, defaultDataDir, ensureDataLayout, resolveDataDir } from '../../main/core/config/data-dir';
import { registerClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';
import { mode } from './helpers';

describe('the default data folder is the one Electron gives the app', () => {
  test('Linux: $XDG_CONFIG_HOME/MedAdmin', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg/config' }, '/home/ann')).toBe('/xdg/config/MedAdmin');
  });

  test('Linux: ~/.config/MedAdmin without XDG_CONFIG_HOME, or with a relative one (the XDG spec ignores those)', () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/MedAdmin');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative/config' }, '/home/ann')).toBe('/home/ann/.config/MedAdmin');
  });

  test('macOS: ~/Library/Application Support/MedAdmin, whatever XDG says', () => {
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/xdg' }, '/Users/ann')).toBe('/Users/ann/Library/Application Support/MedAdmin');
  });

  test('Windows: %APPDATA%\\MedAdmin, falling back to the roaming profile folder', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\MedAdmin',
    );
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\MedAdmin');
  });
});

describe('resolveDataDir: flag > MEDADMIN_DATA_DIR > default', () => {
  const env = { MEDADMIN_DATA_DIR: '/from/env', XDG_CONFIG_HOME: '/xdg' };

  test('the --data-dir flag wins', () => {
    expect(resolveDataDir('/from/flag', env)).toBe('/from/flag');
  });

  test('then the environment variable', () => {
    expect(resolveDataDir(undefined, env)).toBe('/from/env');
    expect(resolveDataDir('', env)).toBe('/from/env');
  });

  test("then the app's own folder", () => {
    const expected = path.resolve(defaultDataDir(process.platform, { XDG_CONFIG_HOME: '/xdg' }));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(expected);
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg', MEDADMIN_DATA_DIR: '' })).toBe(expected);
  });

  test('a relative folder is made absolute', () => {
    expect(resolveDataDir('rel/dir', {})).toBe(path.resolve('rel/dir'));
  });
});

describe('on disk', () => {
  let t: TempCore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  test('the layout: master.sqlite3, tenant_databases/, backups/, archive/', () => {
    const layout = dataLayout('/data');
    expect(layout).toEqual({
      root: '/data',
      masterPath: '/data/master.sqlite3',
      tenantsDir: '/data/tenant_databases',
      backupsDir: '/data/backups',
      archiveDir: '/data/archive',
    });
  });

  test('folders are created 0700 and existing ones tightened to 0700', () => {
    const { dir, cleanup } = tempDir();
    try {
      const layout = dataLayout(path.join(dir, 'nested', 'data'));
      mkdirSync(layout.root, { recursive: true });
      chmodSync(layout.root, 0o755);
      ensureDataLayout(layout);
      for (const d of [layout.root, layout.tenantsDir, layout.backupsDir, layout.archiveDir]) {
        expect(statSync(d).isDirectory()).toBe(true);
        expect(mode(d)).toBe(0o700);
      }
    } finally {
      cleanup();
    }
  });

  test('database files and their WAL sidecars are 0600, even under a permissive umask', async () => {
    const previous = process.umask(0o000);
    try {
      t = await startTempCore();
      const clinic = await registerClinic(t.core, clinicInput('City Hospital'));
      await t.core.tenants.use(clinic, () => undefined);
      const files = [t.core.layout.masterPath, `${t.core.layout.masterPath}-wal`, clinic.dbPath, `${clinic.dbPath}-wal`, `${clinic.dbPath}-shm`];
      for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
    } finally {
      process.umask(previous);
    }
  });
});
