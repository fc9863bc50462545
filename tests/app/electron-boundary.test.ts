import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/*
 * Only main/app (and the preload, which is the Electron bridge) may import electron. The core,
 * the contract, the CLI and the migrations must run in plain Node: in tests, the CLI and the
 * browser harness. The renderer runs sandboxed and could not load it anyway.
 */
const CHECKED = ['main', 'preload/contract', 'migrations', 'renderer'];
const ALLOWED = ['main/app'];

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.(c|m)?[jt]sx?$/.test(e.name))
    .map((e) => path.relative('.', path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** The electron modules a file imports, requires or re-exports (type-only imports included). */
function electronImports(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name === 'electron' || name.startsWith('electron/'));
}

describe('the electron boundary', () => {
  test('the check itself sees every way of importing electron', () => {
    expect(electronImports("import { app } from 'electron';")).toEqual(['electron']);
    expect(electronImports("import type { WebContents } from 'electron';")).toEqual(['electron']);
    expect(electronImports("export { shell } from 'electron/main';")).toEqual(['electron/main']);
    expect(electronImports("const { ipcRenderer } = require('electron');")).toEqual(['electron']);
    expect(electronImports("const e = await import('electron');")).toEqual(['electron']);
    expect(electronImports("import electronLog from 'electron-log'; // electron")).toEqual([]);
  });

  test('no file outside main/app imports electron', () => {
    const files = CHECKED.flatMap(sourceFiles).filter((file) => !ALLOWED.some((dir) => file.startsWith(`${dir}/`)));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => electronImports(readFileSync(file, 'utf8')).length > 0);
    expect(offenders).toEqual([]);
  });
});
