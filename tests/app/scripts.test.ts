import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ensureElectronBinary } from '../../scripts/lib/electron-binary';
import { ensureElectronSqlite, type RebuildRequest } from '../../scripts/lib/electron-sqlite';
import { ScriptError } from '../../scripts/lib/run-script';
import { tempDir } from '../helpers/temp-core';

let folder: { dir: string; cleanup: () => void };
beforeEach(() => {
  folder = tempDir('medadmin-scripts-');
});
afterEach(() => folder.cleanup());

describe('the Electron build of the SQLite addon', () => {
  const ABI: Record<string, string> = { '45.5.0': '150', '46.0.0': '151' };
  /** The export a compiled addon carries for its ABI, as the linker writes it (NUL-terminated). */
  const exportFor = (abi: string) => `node_register_module_v${abi}\0`;
  const NODE_BUILD = `NODE ${exportFor('115')}`;

  /** A project with better-sqlite3 installed and built for Node, as `npm ci` leaves it. */
  function project(): { root: string; nodeAddon: string; target: string } {
    const root = folder.dir;
    const pkg = path.join(root, 'node_modules', 'better-sqlite3');
    mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
    mkdirSync(path.join(pkg, 'lib'), { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    writeFileSync(path.join(pkg, 'lib', 'index.js'), 'module.exports = {}');
    const nodeAddon = path.join(pkg, 'build', 'Release', 'better_sqlite3.node');
    writeFileSync(nodeAddon, NODE_BUILD);
    return { root, nodeAddon, target: path.join(root, 'dist', 'native', 'better_sqlite3.node') };
  }

  /** Stands in for @electron/rebuild: compiles inside the staged copy, for the ABI it is given. */
  const rebuildFor = (abiOf: (electronVersion: string) => string) =>
    vi.fn(async ({ buildPath, electronVersion }: RebuildRequest) => {
      const staged = path.join(buildPath, 'node_modules', 'better-sqlite3');
      // the staged copy must not carry the Node build along
      expect(existsSync(path.join(staged, 'build'))).toBe(false);
      expect(existsSync(path.join(staged, 'lib', 'index.js'))).toBe(true);
      mkdirSync(path.join(staged, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(staged, 'build', 'Release', 'better_sqlite3.node'), `ELECTRON ${electronVersion} ${exportFor(abiOf(electronVersion))}`);
    });
  const options = (root: string, target: string, electronVersion: string, rebuild: (r: RebuildRequest) => Promise<void>) => ({
    electronVersion,
    electronAbi: ABI[electronVersion] as string,
    target,
    root,
    rebuild,
  });

  test('is built aside, delivered to dist/native, and node_modules keeps the Node build', async () => {
    const { root, nodeAddon, target } = project();
    const rebuild = rebuildFor((v) => ABI[v] as string);
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', rebuild))).resolves.toEqual({ built: true });
    expect(readFileSync(target, 'utf8')).toMatch(/^ELECTRON 45\.5\.0 /);
    expect(readFileSync(nodeAddon, 'utf8')).toBe(NODE_BUILD);
    expect(rebuild).toHaveBeenCalledOnce();
    const staging = rebuild.mock.calls[0]?.[0].buildPath as string;
    expect(existsSync(staging)).toBe(false);
  });

  test('is built once per Electron version; later starts reuse it', async () => {
    const { root, target } = project();
    const rebuild = rebuildFor((v) => ABI[v] as string);
    await ensureElectronSqlite(options(root, target, '45.5.0', rebuild));
    writeFileSync(target, 'stale'); // e.g. an interrupted copy
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', rebuild))).resolves.toEqual({ built: false });
    expect(readFileSync(target, 'utf8')).toMatch(/^ELECTRON 45\.5\.0 /);
    await ensureElectronSqlite(options(root, target, '46.0.0', rebuild));
    expect(readFileSync(target, 'utf8')).toMatch(/^ELECTRON 46\.0\.0 /);
    expect(rebuild).toHaveBeenCalledTimes(2);
  });

  test("a build against Node's headers (the nodedir trap) is refused, not shipped", async () => {
    const { root, target } = project();
    const wrongHeaders = rebuildFor(() => '115');
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', wrongHeaders))).rejects.toThrow(
      expect.objectContaining({ name: 'ScriptError', message: expect.stringMatching(/not for Electron 45\.5\.0 \(ABI 150\)/) }),
    );
    expect(existsSync(target)).toBe(false);
    // nothing was cached: the next attempt builds again
    const right = rebuildFor((v) => ABI[v] as string);
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', right))).resolves.toEqual({ built: true });
  });

  test('a build that touched the Node build in node_modules is reported, so `npm test` is not silently broken', async () => {
    const { root, nodeAddon, target } = project();
    const clobbering = vi.fn(async (request: RebuildRequest) => {
      await rebuildFor((v) => ABI[v] as string)(request);
      writeFileSync(nodeAddon, `ELECTRON ${exportFor('150')}`);
    });
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', clobbering))).rejects.toThrow(/npm rebuild better-sqlite3/);
    expect(existsSync(target)).toBe(false);
  });

  test('a failed build leaves no half-made cache behind', async () => {
    const { root, target } = project();
    const failing = vi.fn(async () => {
      throw new ScriptError('offline');
    });
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', failing))).rejects.toThrow('offline');
    expect(existsSync(target)).toBe(false);
    const right = rebuildFor((v) => ABI[v] as string);
    await expect(ensureElectronSqlite(options(root, target, '45.5.0', right))).resolves.toEqual({ built: true });
  });
});

describe('the Electron runtime', () => {
  /** An electron package as npm leaves it with its install script skipped. */
  function electronPackage(installScript: string): { dir: string; version: string } {
    const dir = path.join(folder.dir, 'electron');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'install.js'), installScript);
    return { dir, version: '45.5.0' };
  }
  const installs = `
    const fs = require('fs'); const path = require('path');
    fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.5.0');
    fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh');
    fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
    fs.writeFileSync(path.join(__dirname, 'skip-flag'), String(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD));
  `;

  test("is fetched with the package's own install script when missing, even under the CI skip flag", () => {
    const pkg = electronPackage(installs);
    vi.stubEnv('ELECTRON_SKIP_BINARY_DOWNLOAD', '1');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(ensureElectronBinary(pkg)).toBe(path.join(pkg.dir, 'dist', 'electron'));
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
    }
    expect(readFileSync(path.join(pkg.dir, 'skip-flag'), 'utf8')).toBe('undefined');
    // present now: no second download
    chmodSync(path.join(pkg.dir, 'install.js'), 0o000);
    expect(ensureElectronBinary(pkg)).toBe(path.join(pkg.dir, 'dist', 'electron'));
  });

  test('without internet the start stops with one plain message, not a stack trace', () => {
    const pkg = electronPackage(`console.error(new Error('getaddrinfo ENOTFOUND github.com').stack); process.exit(1);`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    let error: unknown;
    try {
      ensureElectronBinary(pkg);
    } catch (err) {
      error = err;
    } finally {
      log.mockRestore();
    }
    expect(error).toBeInstanceOf(ScriptError);
    const message = (error as Error).message;
    expect(message).toContain('Electron 45.5.0 runtime is not installed and could not be downloaded');
    expect(message).toContain('internet');
    expect(message).toContain('`npm test` does not need Electron');
    expect(message).not.toMatch(/ENOTFOUND|\n\s+at /);
  });
});
