import { build, type Metafile } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract';
import { APP_ENTRY_URL } from '../../main/app/app-origin';
import { distLayout } from '../../main/app/dist-layout';
import { mainWindowOptions } from '../../main/app/main-window';
import { mainBundle, preloadBundle } from '../../scripts/lib/bundles';
import { tempDir } from '../helpers/temp-core';

const NODE_ADDON = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const STUB = path.resolve('tests/app/fixtures/register-electron-stub.mjs');

let folder: { dir: string; cleanup: () => void };
let dist: ReturnType<typeof distLayout>;
let mainMeta: Metafile;
let preloadMeta: Metafile;

beforeAll(async () => {
  folder = tempDir('medadmin-bundles-');
  dist = distLayout(path.join(folder.dir, 'dist'));
  [mainMeta, preloadMeta] = await Promise.all([
    build({ ...mainBundle(dist.mainEntry), metafile: true, sourcemap: false }).then((r) => r.metafile),
    build({ ...preloadBundle(dist.preload), metafile: true }).then((r) => r.metafile),
  ]);
  mkdirSync(path.dirname(dist.nativeSqlite), { recursive: true });
}, 60_000);
afterAll(() => folder.cleanup());

const externalImports = (meta: Metafile): string[] =>
  [...new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))].sort();

/** Runs the built main bundle under Node with a stub Electron; returns what the stub reported. */
function runMain(dataDir: string): Record<string, unknown>[] {
  const result = spawnSync(process.execPath, ['--import', STUB, dist.mainEntry], {
    env: { PATH: process.env.PATH, MEDADMIN_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the main bundle', () => {
  test('leaves only electron (and Node built-ins) outside', () => {
    const outside = externalImports(mainMeta).filter((p) => !p.startsWith('node:') && !builtinModules.includes(p));
    expect(outside).toEqual(['electron']);
  });

  test('starts under a stub Electron: window, app page, a working call, a clean exit', () => {
    copyFileSync(NODE_ADDON, dist.nativeSqlite);
    const reports = runMain(path.join(folder.dir, 'data-ok'));
    expect(reports).toContainEqual({ window: mainWindowOptions(dist.preload, true).webPreferences });
    expect(reports).toContainEqual({ loaded: APP_ENTRY_URL });
    expect(reports).toContainEqual({ call: { ok: true, value: null } });
    expect(reports.at(-1)).toEqual({ exit: 0, handlers: 0 });
  });

  test('loads the SQLite addon from dist/native, not from node_modules', () => {
    writeFileSync(dist.nativeSqlite, 'not a shared library');
    const reports = runMain(path.join(folder.dir, 'data-broken'));
    expect(reports).toContainEqual({ errorBox: 'MedAdmin could not start', message: expect.any(String) });
    expect(reports.at(-1)).toMatchObject({ exit: 1 });
  });
});

describe('the database worker in the main bundle', () => {
  // An entry built with the main bundle's options (so with its worker plugin) and run from a
  // temporary folder: no node_modules and no main/core/backup/database-worker.cjs beside it, so
  // the worker can only run from the code the bundle carries.
  test('runs from the bundle alone: facts for an intact file, a refusal for a foreign one, a copy for a backup', async () => {
    const dir = path.join(folder.dir, 'inspect');
    mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, 'entry.ts');
    const source = (file: string): string => JSON.stringify(path.resolve(file));
    writeFileSync(
      entry,
      [
        `import { openSqlite, useSqliteNativeBinding } from ${source('main/core/db/sqlite.ts')};`,
        `import { inspectDatabaseFile } from ${source('main/core/backup/inspect-file.ts')};`,
        `import { snapshotDatabase } from ${source('main/core/backup/snapshot.ts')};`,
        `const [addon, file] = process.argv.slice(2);`,
        `useSqliteNativeBinding(addon);`,
        `const db = openSqlite(file, { create: true });`,
        `db.exec('create table visits (id integer primary key); insert into visits default values; insert into visits default values');`,
        `db.close();`,
        `const report = (entry: unknown) => process.stdout.write(JSON.stringify(entry) + '\\n');`,
        `report({ facts: await inspectDatabaseFile(file, { kind: 'master' }) });`,
        `await inspectDatabaseFile(file, { kind: 'clinic' }).catch((err: { reason?: string }) => report({ refused: err.reason }));`,
        `const copy = await snapshotDatabase({ file, inService: false }, file + '.copy', { expect: { kind: 'master' }, now: new Date(), pageCheck: false });`,
        `report({ copied: copy.facts.rowCounts, sha256: copy.sha256.length });`,
      ].join('\n'),
    );
    const out = path.join(dir, 'inspect.mjs');
    await build({ ...mainBundle(out), entryPoints: [entry], sourcemap: false });
    const addon = path.join(dir, 'better_sqlite3.node');
    copyFileSync(NODE_ADDON, addon);
    const result = spawnSync(process.execPath, [out, addon, path.join(dir, 'some.sqlite3')], { cwd: dir, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    const reports = result.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as unknown);
    expect(reports).toEqual([{ facts: { clinic: null, schema: [], rowCounts: { visits: 2 }, profile: null } }, { refused: 'foreign' }, { copied: { visits: 2 }, sha256: 64 }]);
  });
});

describe('the preload bundle', () => {
  test('is CommonJS needing only electron, without the contract schemas or zod', () => {
    expect(externalImports(preloadMeta)).toEqual(['electron']);
    const inputs = Object.keys(preloadMeta.inputs);
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((i) => i.includes('contract/channels') || i.endsWith('contract/index.ts'))).toEqual([]);
  });

  test('exposes one function per contract channel when run as a sandboxed preload', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.set(key, value) },
      ipcRenderer: { on: () => undefined, invoke: async () => ({ ok: true, value: null }) },
    };
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    vm.runInNewContext(readFileSync(dist.preload, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
    expect([...exposed.keys()]).toEqual(['medadmin']);
    const api = exposed.get('medadmin') as Record<string, Record<string, unknown>>;
    const names = Object.entries(api).flatMap(([domain, group]) => (typeof group === 'function' ? [] : Object.keys(group).map((verb) => `${domain}:${verb}`)));
    expect(names.sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(typeof api.on).toBe('function');
  });
});
