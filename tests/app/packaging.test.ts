import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import path from 'node:path';
import { beforeAll, expect, test, vi } from 'vitest';
import { distLayout } from '../../main/app/dist-layout';
import pkg from '../../package.json';

type Config = Awaited<ReturnType<typeof getConfig>>;
let config: Config;
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

beforeAll(async () => {
  const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    config = await getConfig(process.cwd(), 'electron-builder.yml', null);
  } finally {
    log.mockRestore();
  }
});

test("electron-builder.yml passes electron-builder's own schema", async () => {
  await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  // the check can fail: an unknown key is refused
  await expect(validateConfiguration({ ...config, notAnOption: true } as Config, quietLogger)).rejects.toThrow(/Invalid configuration/);
});

test('the packaged app is MedAdmin with installers for Linux, Windows and macOS', () => {
  expect(config.productName).toBe('MedAdmin');
  expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  expect(config.win?.target).toEqual(['nsis']);
  expect(config.mac?.target).toEqual(['dmg']);
  expect(pkg.main).toBe('dist/main/index.js');
});

test("electron-builder's own native rebuild is off; the addon is unpacked from the archive", () => {
  expect(config.npmRebuild).toBe(false);
  expect(config.asar).toBe(true);
  expect(config.asarUnpack).toEqual(['dist/native/**']);
});

test('every built part is packaged, and no node_modules (the Node build of the addon) is', () => {
  const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
  const rel = (p: string) => path.relative('.', p).split(path.sep).join('/');
  const layout = distLayout('dist');
  expect(files).toEqual(
    expect.arrayContaining([`${rel(path.dirname(layout.mainEntry))}/**`, `${rel(path.dirname(layout.preload))}/**`, `${rel(layout.rendererDir)}/**`, rel(layout.nativeSqlite)]),
  );
  expect(files).toContain('!**/node_modules/**');
});

test('the Electron fuses are set at packaging', () => {
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('package.json runs the start, build and dist scripts', () => {
  expect(pkg.scripts).toMatchObject({ start: 'tsx scripts/start.ts', build: 'tsx scripts/build.ts', dist: 'tsx scripts/dist.ts' });
});
