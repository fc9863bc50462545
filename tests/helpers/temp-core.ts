import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCore, type Core, type CoreOptions } from '../../main/core/core';

/** Cheap scrypt for tests that are not about hashing; the product's parameters are tested on their own. */
export const TEST_SCRYPT = { logN: 10, r: 8, p: 1 };

export function tempDir(prefix = 'medadmin-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempCore {
  core: Core;
  dir: string;
  dispose(): Promise<void>;
}

/** A real core over a fresh data folder; dispose() closes every file and removes the folder. */
export async function startTempCore(options: Partial<CoreOptions> = {}): Promise<TempCore> {
  const { dir, cleanup } = tempDir();
  const core = await startCore({ scrypt: TEST_SCRYPT, ...options, dataDir: options.dataDir ?? dir });
  return {
    core,
    dir,
    async dispose() {
      await core.close();
      cleanup();
    },
  };
}

export const STRONG_PASSWORD = 'correct horse battery staple';

export function clinicInput(name: string, overrides: Record<string, unknown> = {}) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    name,
    contactEmail: `admin@${slug}.example`,
    owner: { email: `admin@${slug}.example`, fullName: `${name} Admin`, password: STRONG_PASSWORD },
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    ...overrides,
  };
}
