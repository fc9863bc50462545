import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

/** Import specifiers of a file that reach into main/: the contract and the screens sit below it. */
function importsOfMain(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/from\s+'([^']+)'/g)]
    .map((m) => m[1] ?? '')
    .filter((spec) => spec.startsWith('.') && path.resolve(path.dirname(path.join(ROOT, file)), spec).startsWith(path.join(ROOT, 'main') + path.sep));
}

test.each(['preload/contract', 'renderer/src'])('%s imports nothing from main/', (dir) => {
  const offenders = sources(dir).flatMap((f) => importsOfMain(f).map((spec) => `${f}: ${spec}`));
  expect(offenders).toEqual([]);
});

test('the check sees an import of main/ when there is one', () => {
  expect(importsOfMain('preload/index.ts')).toEqual([]);
  expect(importsOfMain('tests/contract/date-bounds.test.ts').length).toBe(0);
  expect(importsOfMain('tests/helpers/api.ts').length).toBeGreaterThan(0);
});
