import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCore, type Core } from '../../main/core/core';
import { STALE_PROVISIONING_MS } from '../../main/core/tenancy/recover-provisioning';
import type { RegistrationStep } from '../../main/core/tenancy/register-clinic';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { registerClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, tempDir, TEST_SCRYPT } from '../helpers/temp-core';
import { digest, listDir, masterCounts } from './helpers';

const run = promisify(execFile);
const CRASH_EXIT_CODE = 70;
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'crash-during-registration.ts');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs a registration in a child process that dies right after `step`. */
async function crashAfter(dataDir: string, step: RegistrationStep, name = 'City Hospital'): Promise<void> {
  const exit = await run(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, step, name, String(CRASH_EXIT_CODE)], { cwd: ROOT }).then(
    () => 0,
    (err: { code?: number }) => err.code,
  );
  expect(exit).toBe(CRASH_EXIT_CODE);
}

const later = () => new Date(Date.now() + STALE_PROVISIONING_MS + 60_000);

let dir: { dir: string; cleanup: () => void };
let core: Core | undefined;
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  dir.cleanup();
});

const tenantsDir = () => path.join(dir.dir, 'tenant_databases');

describe('a registration interrupted by a crash', () => {
  // one step for each state a crash can leave on disk: a master row only; a half-built file
  // beside the final name; the final file; the final file with the master transaction cut off
  test.each<RegistrationStep>(['clinic-row', 'migrated', 'renamed', 'activated'])(
    'after %s: left half done, cleaned fully at the next start once stale',
    async (step) => {
      core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT });
      const survivor = await registerClinic(core, clinicInput('Survivor Clinic'));
      await core.close();
      core = undefined;

      await crashAfter(dir.dir, step);
      const leftovers = listDir(tenantsDir()).filter((f) => !f.startsWith('tenant_survivor_clinic'));
      if (step !== 'clinic-row') expect(leftovers.length).toBeGreaterThan(0);

      core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: later });
      expect(await masterCounts(core)).toEqual({ clinics: 1, users: 1, memberships: 1, subscriptions: 1 });
      expect(listDir(tenantsDir())).toEqual(['tenant_survivor_clinic.sqlite3']);
      expect(await core.tenants.use(survivor, (h) => h.slug)).toBe('survivor-clinic');
      await expect(registerClinic(core, clinicInput('City Hospital'))).resolves.toMatchObject({ slug: 'city-hospital' });
    },
  );
});

describe('a registration that may still be running', () => {
  test('is not touched at start while it is young, and is cleaned once stale', async () => {
    await crashAfter(dir.dir, 'migrated');
    const files = listDir(tenantsDir());
    expect(files.some((f) => f.endsWith('.provisioning'))).toBe(true);

    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT });
    expect(await core.master.selectFrom('clinics').select(['slug', 'provisioning_state']).execute()).toEqual([
      { slug: 'city-hospital', provisioning_state: 'provisioning' },
    ]);
    expect(listDir(tenantsDir())).toEqual(files);
    await core.close();

    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: later });
    expect(await core.master.selectFrom('clinics').select('slug').execute()).toEqual([]);
    expect(listDir(tenantsDir())).toEqual([]);
  });
});

describe('recovery never deletes what it did not build', () => {
  test('a file at the final name that is not stamped for the stuck clinic is kept', async () => {
    await crashAfter(dir.dir, 'clinic-row');
    const finalPath = tenantDbPath(tenantsDir(), 'city-hospital');
    writeFileSync(finalPath, 'an administrator put this here');
    const before = digest(finalPath);
    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: later });
    expect(await core.master.selectFrom('clinics').select('slug').execute()).toEqual([]);
    expect(digest(finalPath)).toBe(before);
    rmSync(finalPath);
  });

  test("a ready clinic's file is never touched by recovery", async () => {
    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT });
    const ready = await registerClinic(core, clinicInput('Ready Clinic'));
    await core.close();
    const before = digest(ready.dbPath);
    core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: later });
    expect(digest(ready.dbPath)).toBe(before);
    expect(await masterCounts(core)).toEqual({ clinics: 1, users: 1, memberships: 1, subscriptions: 1 });
  });
});
