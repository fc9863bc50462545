import { existsSync, mkdirSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { backupStatus } from '../../main/core/backup/backup-status';
import { backupMaster } from '../../main/core/backup/schema';
import { startCore, type Core } from '../../main/core/core';
import { TEST_SCRYPT, tempDir } from '../helpers/temp-core';
import { addRegions, HOUR, newClinic, regionNames } from './helpers';

let dir: ReturnType<typeof tempDir> | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  dir?.cleanup();
  dir = undefined;
});

async function start(offsetMs = 0): Promise<Core> {
  await core?.close();
  dir ??= tempDir('medadmin-recovery-');
  core = await startCore({ dataDir: dir.dir, scrypt: TEST_SCRYPT, clock: () => new Date(Date.now() + offsetMs) });
  return core;
}

const age = (file: string, ms: number): void => {
  const then = new Date(Date.now() - ms);
  utimesSync(file, then, then);
};

test('pieces of backups cut short are cleared at a later start, unless someone may still be writing them', async () => {
  let c = await start();
  const clinic = await newClinic(c, 'Partial Clinic');
  const slugDir = path.join(c.layout.backupsDir, clinic.slug);
  mkdirSync(slugDir, { recursive: true });
  const oldFile = path.join(slugDir, '2024-01-01T00-00-00-000Z.sqlite3.partial');
  const freshFile = path.join(slugDir, '2024-01-02T00-00-00-000Z.sqlite3.partial');
  const oldSet = path.join(c.layout.backupsDir, '_all', '2024-01-01T00-00-00-000Z.partial');
  mkdirSync(oldSet, { recursive: true });
  writeFileSync(path.join(oldSet, 'master.sqlite3'), 'x');
  for (const f of [oldFile, freshFile]) writeFileSync(f, 'x');
  age(oldFile, 2 * HOUR);
  age(path.join(oldSet, 'master.sqlite3'), 2 * HOUR);
  age(oldSet, 2 * HOUR);

  c = await start();

  expect(readdirSync(slugDir)).toEqual(['2024-01-02T00-00-00-000Z.sqlite3.partial']);
  expect(existsSync(oldSet)).toBe(false);
});

test('a run that never finished is shown as failed once it cannot still be running', async () => {
  let c = await start();
  const clinic = await newClinic(c, 'Stopped Clinic');
  await backupMaster(c.master)
    .insertInto('backup_runs')
    .values({ id: 'r1', operation: 'backup', trigger: 'scheduled', clinic_id: null, slot: null, started_at: new Date().toISOString(), finished_at: null, status: 'running', backup_id: null, message: null, failures: null })
    .execute();
  c = await start(HOUR);
  expect((await backupStatus(c, clinic.id)).runs[0]?.status).toBe('running');
  c = await start(7 * HOUR);
  const status = await backupStatus(c, clinic.id);
  expect(status.runs[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('did not finish') });
  expect(status.needsAttention).toBe(true);
});

test("an interrupted swap of another process that still runs is left alone; once it is gone, it is undone", async () => {
  let c = await start();
  const clinic = await newClinic(c, 'Shared Clinic');
  await addRegions(c, clinic, 'original', 1);
  await c.close();
  core = undefined;
  // another process moved the database aside and is in the middle of its swap
  const id = '00000000-0000-4000-8000-000000000001';
  const journal = path.join(path.dirname(clinic.dbPath), `.op-${id}.json`);
  const previous = path.join(path.dirname(clinic.dbPath), `.op-${id}.previous`);
  const write = (pid: number) =>
    writeFileSync(journal, JSON.stringify({ pid, operation: 'restore', target: path.basename(clinic.dbPath), startedAt: new Date().toISOString() }));
  renameSync(clinic.dbPath, previous);
  write(process.ppid);

  c = await start();
  expect(existsSync(clinic.dbPath)).toBe(false);
  expect(existsSync(previous)).toBe(true);

  write(2 ** 22 + 12345); // a process id no process has
  c = await start();
  expect(existsSync(previous)).toBe(false);
  expect(await regionNames(c, clinic)).toEqual(['original 0']);
});
