import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { exportClinic } from '../../main/core/backup/export-clinic';
import { startCore, type Core } from '../../main/core/core';
import { TEST_SCRYPT, tempDir } from '../helpers/temp-core';
import { addRegions, CLI_ACTOR, newClinic, regionNames } from './helpers';

const CHILD = path.join(import.meta.dirname, 'fixtures/crash-child.ts');
/** Past the age at which an unfinished registration is taken to be abandoned. */
const LATER = 3 * 60_000;

let dirs: ReturnType<typeof tempDir>[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

async function open(dataDir: string, offsetMs = 0): Promise<Core> {
  const core = await startCore({ dataDir, scrypt: TEST_SCRYPT, clock: () => new Date(Date.now() + offsetMs) });
  cores.push(core);
  return core;
}

async function close(core: Core): Promise<void> {
  cores = cores.filter((c) => c !== core);
  await core.close();
}

/** Runs the child until it reports the step, then kills it there; resolves once it is dead. */
function runAndKillAt(step: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env, MEDADMIN_PAUSE_AT: step },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`PAUSED ${step}`)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && out.includes(`PAUSED ${step}`)) resolve();
      else reject(new Error(`the child did not stop at ${step} (exit ${code}, ${signal}): ${out} ${err}`));
    });
  });
}

function wholeDatabase(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

const leftovers = (core: Core): string[] => readdirSync(core.layout.tenantsDir).filter((n) => n.startsWith('.op-'));

describe('a restore killed at any step leaves the old or the new database whole', () => {
  const points: [step: string, outcome: 'old' | 'new'][] = [
    ['incoming-ready', 'old'],
    ['previous-moved', 'old'],
    ['safety-backup-taken', 'old'],
    ['swapped', 'new'],
  ];

  test.each(points)('killed at %s: %s database', async (step, outcome) => {
    const data = tempDir('medadmin-crash-');
    const files = tempDir('medadmin-crash-src-');
    dirs.push(data, files);
    let core = await open(data.dir);
    const clinic = await newClinic(core, 'Crash Clinic');
    await addRegions(core, clinic, 'backup', 2);
    const source = path.join(files.dir, 'backup.sqlite3');
    await exportClinic(core, clinic.id, source, { actor: CLI_ACTOR });
    await addRegions(core, clinic, 'current', 3);
    const current = await regionNames(core, clinic);
    await close(core);

    await runAndKillAt(step, { MEDADMIN_DATA_DIR: data.dir, CRASH_OPERATION: 'restore', CRASH_CLINIC_ID: clinic.id, CRASH_SOURCE: source });

    core = await open(data.dir);
    wholeDatabase(clinic.dbPath);
    expect(await regionNames(core, clinic)).toEqual(outcome === 'old' ? current : ['backup 0', 'backup 1']);
    expect(leftovers(core)).toEqual([]);
  });
});

describe('an import killed at any step leaves no clinic or a whole one', () => {
  const points: [step: string, outcome: 'none' | 'imported'][] = [
    ['incoming-ready', 'none'],
    ['clinic-row', 'none'],
    ['swapped', 'none'],
    ['activated', 'imported'],
  ];

  test.each(points)('killed at %s: %s', async (step, outcome) => {
    const from = tempDir('medadmin-crash-from-');
    const to = tempDir('medadmin-crash-to-');
    dirs.push(from, to);
    const a = await open(from.dir);
    const clinic = await newClinic(a, 'Travelling Clinic');
    await addRegions(a, clinic, 'moved', 2);
    const source = path.join(from.dir, 'export.sqlite3');
    await exportClinic(a, clinic.id, source, { actor: CLI_ACTOR });
    await close(a);
    let b = await open(to.dir);
    const home = await newClinic(b, 'Home Clinic');
    await close(b);

    await runAndKillAt(step, { MEDADMIN_DATA_DIR: to.dir, CRASH_OPERATION: 'import', CRASH_SOURCE: source, CRASH_OWNER_ID: home.ownerId });

    // started later, when the unfinished registration is no longer taken to be in progress
    b = await open(to.dir, LATER);
    const target = path.join(b.layout.tenantsDir, 'tenant_travelling_clinic.sqlite3');
    const row = await b.master.selectFrom('clinics').select(['provisioning_state']).where('id', '=', clinic.id).executeTakeFirst();
    if (outcome === 'none') {
      expect(row).toBeUndefined();
      expect(existsSync(target)).toBe(false);
    } else {
      expect(row).toEqual({ provisioning_state: 'ready' });
      wholeDatabase(target);
      expect(await regionNames(b, clinic)).toEqual(['moved 0', 'moved 1']);
    }
    expect(leftovers(b)).toEqual([]);
  });

  test.each([
    ['previous-moved', 'old'],
    ['swapped', 'new'],
  ] as const)('replacing, killed at %s: %s database', async (step, outcome) => {
    const data = tempDir('medadmin-crash-replace-');
    dirs.push(data);
    let core = await open(data.dir);
    const clinic = await newClinic(core, 'Replaced Clinic');
    await addRegions(core, clinic, 'file', 1);
    const source = path.join(data.dir, 'export.sqlite3');
    await exportClinic(core, clinic.id, source, { actor: CLI_ACTOR });
    await addRegions(core, clinic, 'live', 1);
    await close(core);

    await runAndKillAt(step, { MEDADMIN_DATA_DIR: data.dir, CRASH_OPERATION: 'import', CRASH_SOURCE: source, CRASH_OWNER_ID: clinic.ownerId, CRASH_REPLACE: '1' });

    core = await open(data.dir);
    wholeDatabase(clinic.dbPath);
    expect(await regionNames(core, clinic)).toEqual(outcome === 'old' ? ['file 0', 'live 0'] : ['file 0']);
    expect(leftovers(core)).toEqual([]);
  });
});
