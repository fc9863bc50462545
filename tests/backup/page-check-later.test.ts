import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { backupStatus } from '../../main/core/backup/backup-status';
import { clinicBackups } from '../../main/core/backup/list-backups';
import { backupClinic } from '../../main/core/backup/take-backup';
import type { RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { startTempCore, type TempCore } from '../helpers/temp-core';
import { addRegions, newClinic } from './helpers';

let t: TempCore;
afterEach(async () => t?.dispose());

/**
 * Damage SQLite's page check finds and a plain read does not: an index whose entries belong to
 * another column. The clinic still opens, reads and counts its rows.
 */
async function damageAnIndex(clinic: RegisteredClinic): Promise<void> {
  await t.core.tenants.close(clinic.id);
  const db = new Database(clinic.dbPath);
  db.exec(`create table scratch (a text, b text); create index scratch_a on scratch (a)`);
  const insert = db.prepare('insert into scratch (a, b) values (?, ?)');
  for (let i = 0; i < 50; i++) insert.run(`a${i}`, `b${49 - i}`);
  db.unsafeMode(true);
  db.pragma('writable_schema = on');
  db.prepare(`update sqlite_schema set sql = 'CREATE INDEX scratch_a on scratch (b)' where name = 'scratch_a'`).run();
  db.close();
}

test('in the background: the backup is listed as soon as it is written, and its pages pass the check after', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Quick Clinic');
  await addRegions(t.core, clinic, 'north', 4);

  const result = await backupClinic(t.core, clinic.id, { trigger: 'manual', pageCheck: 'background' });

  expect(clinicBackups(t.core.layout.backupsDir, clinic.id).map((b) => b.id)).toEqual([result.id]);
  expect(result.manifest.databases[0]?.rowCounts.regions).toBe(4);
  expect(await result.pageCheck).toBe('passed');
  expect(clinicBackups(t.core.layout.backupsDir, clinic.id).map((b) => b.id)).toEqual([result.id]);
  expect((await backupStatus(t.core, clinic.id)).runs[0]).toMatchObject({ operation: 'backup', status: 'ok' });
});

test('in the background: a copy that fails the check is taken off the list, kept aside, and its run marked failed', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Damaged Clinic');
  await damageAnIndex(clinic);

  const result = await backupClinic(t.core, clinic.id, { trigger: 'manual', pageCheck: 'background' });
  const file = path.join(result.dir, `${result.id.split('/')[1]}.sqlite3`);
  expect(existsSync(file)).toBe(true);

  expect(await result.pageCheck).toBe('damaged');
  expect(clinicBackups(t.core.layout.backupsDir, clinic.id)).toEqual([]);
  expect(existsSync(file)).toBe(false);
  expect(existsSync(file.replace(/\.sqlite3$/, '.damaged.sqlite3'))).toBe(true);
  const status = await backupStatus(t.core, clinic.id);
  expect(status.needsAttention).toBe(true);
  expect(status.runs[0]).toMatchObject({ operation: 'backup', status: 'failed' });
  expect(status.runs[0]?.message).toMatch(/checking it found damage/);
});

test('inline (the default): the same damage fails the backup and nothing is listed', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Careful Clinic');
  await damageAnIndex(clinic);

  await expect(backupClinic(t.core, clinic.id, { trigger: 'manual' })).rejects.toMatchObject({ reason: 'corrupt' });
  expect(clinicBackups(t.core.layout.backupsDir, clinic.id)).toEqual([]);
});

test('closing the core stops a check still running: the backup stays listed, not checked', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Closing Clinic');
  await addRegions(t.core, clinic, 'north', 2);
  const result = await backupClinic(t.core, clinic.id, { trigger: 'manual', pageCheck: 'background' });
  await t.core.close();
  expect(await result.pageCheck).toBe('not-checked');
  expect(clinicBackups(t.core.layout.backupsDir, clinic.id).map((b) => b.id)).toEqual([result.id]);
  expect(existsSync(path.join(result.dir, `${result.id.split('/')[1]}.sqlite3`))).toBe(true);
});
