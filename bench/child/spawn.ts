import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs one of bench/child/*.ts in a fresh Node process (through tsx, as the CLI runs) and
 * returns the JSON it prints: start-up and memory are only honest in a process of their own.
 */
export async function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 2 ** 20,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}
