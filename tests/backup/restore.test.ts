import { copyFileSync, readdirSync, truncateSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { archiveClinic } from '../../main/core/archive/archive-clinic';
import { exportClinic } from '../../main/core/backup/export-clinic';
import { clinicBackups } from '../../main/core/backup/list-backups';
import { prepareRestore, restoreClinic } from '../../main/core/backup/restore-clinic';
import { backupClinic } from '../../main/core/backup/take-backup';
import type { Core } from '../../main/core/core';
import { STRONG_PASSWORD, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';
import { addRegions, CLI_ACTOR, flipByte, newClinic, regionNames } from './helpers';

let t: TempCore;
let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await t?.dispose();
  scratch?.cleanup();
  scratch = undefined;
});

const backupFileOf = (core: Core, clinicId: string, id: string): string => {
  const found = clinicBackups(core.layout.backupsDir, clinicId).find((b) => b.id === id);
  if (!found) throw new Error('no such backup');
  return found.file;
};

const stagedLeftovers = (core: Core): string[] => readdirSync(core.layout.tenantsDir).filter((n) => n.startsWith('.op-'));

function scratchFile(name: string): string {
  scratch ??= tempDir('medadmin-scratch-');
  return path.join(scratch.dir, name);
}

describe('restore', () => {
  test('brings the records back to the backup, keeps the replaced database as a safety backup and audits it', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Restore Clinic');
    await addRegions(t.core, clinic, 'before', 2);
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    await addRegions(t.core, clinic, 'after', 3);

    const result = await restoreClinic(t.core, clinic.id, { backupId: backup.id }, { actor: { userId: null, userName: 'Admin' } });

    expect(await regionNames(t.core, clinic)).toEqual(['before 0', 'before 1']);
    expect(result.keptDamagedCopy).toBe(false);
    const safety = clinicBackups(t.core.layout.backupsDir, clinic.id).find((b) => b.id === result.backupId);
    expect(safety?.manifest.trigger).toBe('safety');
    expect(safety?.entry.rowCounts.regions).toBe(5);
    const audit = await t.core.tenants.use(clinic, (h) => h.db.selectFrom('audit_log').selectAll().where('action', '=', 'clinic.restored').execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_name: 'Admin', entity: 'clinic', entity_id: clinic.id });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ source: 'backup', backupId: backup.id });
    expect(stagedLeftovers(t.core)).toEqual([]);
  });

  test('a backup made by an older version is migrated on the way in', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Older Clinic');
    await addRegions(t.core, clinic, 'kept', 1);
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    const older = scratchFile('older.sqlite3');
    copyFileSync(backupFileOf(t.core, clinic.id, backup.id), older);
    const db = new Database(older);
    db.exec(`drop table clinic_profile; delete from medadmin_migrations where name = '0070-clinic-profile'`);
    db.close();

    const result = await restoreClinic(t.core, clinic.id, { file: older }, { actor: CLI_ACTOR });

    expect(result.migrated).toEqual(['0070-clinic-profile']);
    expect(await regionNames(t.core, clinic)).toEqual(['kept 0']);
    const hasProfile = await t.core.tenants.use(clinic, (h) => h.sqlite.prepare(`select count(*) as n from sqlite_schema where name = 'clinic_profile'`).get());
    expect(hasProfile).toEqual({ n: 1 });
  });

  test('a clinic whose database is damaged can still be restored; its file is kept', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Damaged Clinic');
    await addRegions(t.core, clinic, 'good', 1);
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    await t.core.tenants.close(clinic.id);
    writeFileSync(clinic.dbPath, 'this file was overwritten by mistake');

    const result = await restoreClinic(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR });

    expect(result).toMatchObject({ backupId: null, keptDamagedCopy: true });
    expect(await regionNames(t.core, clinic)).toEqual(['good 0']);
    const kept = readdirSync(path.join(t.core.layout.backupsDir, clinic.slug)).filter((n) => n.includes('.damaged.'));
    expect(kept).toHaveLength(1);
  });

  test('refuses while another program has the clinic open, and changes nothing', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Busy Clinic');
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    await addRegions(t.core, clinic, 'live', 1);
    const other = new Database(clinic.dbPath);
    other.prepare('select count(*) from regions').get();
    try {
      await expect(restoreClinic(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      other.close();
    }
    expect(await regionNames(t.core, clinic)).toEqual(['live 0']);
    expect(stagedLeftovers(t.core)).toEqual([]);
  });

  test('one restore of a clinic at a time', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Once Clinic');
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    const first = await prepareRestore(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR });
    await expect(prepareRestore(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
    await first.commit();
    await expect(restoreClinic(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR })).resolves.toMatchObject({ keptDamagedCopy: false });
    expect(stagedLeftovers(t.core)).toEqual([]);
  });

  test('refuses an archived clinic', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Gone Clinic');
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    await archiveClinic(t.core, clinic.id, null);
    await expect(restoreClinic(t.core, clinic.id, { backupId: backup.id }, { actor: CLI_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test("another clinic's backup id is not found", async () => {
    t = await startTempCore();
    const a = await newClinic(t.core, 'Clinic A');
    const b = await newClinic(t.core, 'Clinic B');
    const backupOfB = await backupClinic(t.core, b.id, { trigger: 'manual' });
    await expect(restoreClinic(t.core, a.id, { backupId: backupOfB.id }, { actor: CLI_ACTOR })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** Each bad file is refused with its own reason before anything of the clinic is touched. */
describe('restore refuses a bad file', () => {
  type Maker = (core: Core, clinic: { id: string; slug: string }, goodBackup: string) => Promise<string>;

  const cases: [reason: string, make: Maker][] = [
    ['not-sqlite', async () => {
      const file = scratchFile('notes.txt');
      writeFileSync(file, 'Dear diary, today I restored a backup.\n'.repeat(200));
      return file;
    }],
    ['foreign', async () => {
      const file = scratchFile('other-app.sqlite3');
      const db = new Database(file);
      db.exec('create table things (id integer primary key, name text); insert into things (name) values (1), (2)');
      db.close();
      return file;
    }],
    ['truncated', async (_core, _clinic, good) => {
      const file = scratchFile('cut.sqlite3');
      copyFileSync(good, file);
      truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096);
      return file;
    }],
    ['corrupt', async (_core, _clinic, good) => {
      const file = scratchFile('corrupt.sqlite3');
      copyFileSync(good, file);
      const db = new Database(file, { readonly: true });
      const { rootpage, pageSize } = {
        rootpage: (db.prepare(`select rootpage from sqlite_schema where name = 'regions'`).get() as { rootpage: number }).rootpage,
        pageSize: db.pragma('page_size', { simple: true }) as number,
      };
      db.close();
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
      closeSync(fd);
      return file;
    }],
    ['other-clinic', async (core) => {
      const other = await newClinic(core, 'Someone Else');
      const backup = await backupClinic(core, other.id, { trigger: 'manual' });
      return backupFileOf(core, other.id, backup.id);
    }],
    ['newer-schema', async (_core, _clinic, good) => {
      const file = scratchFile('future.sqlite3');
      copyFileSync(good, file);
      const db = new Database(file);
      db.prepare('insert into medadmin_migrations (name, applied_at) values (?, ?)').run('9990-from-a-newer-version', new Date().toISOString());
      db.close();
      return file;
    }],
    ['wrong-passphrase', async (core, clinic) => {
      const file = scratchFile('export.medadmin');
      await exportClinic(core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });
      return file;
    }],
    ['checksum-mismatch', async (_core, _clinic, good) => {
      // a listed backup whose file changed after its manifest was written
      flipByte(good, -100);
      return good;
    }],
  ];

  test.each(cases)('%s', async (reason, make) => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Careful Clinic');
    await addRegions(t.core, clinic, 'data', 300);
    const backup = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    await addRegions(t.core, clinic, 'newer', 1);
    const before = await regionNames(t.core, clinic);
    const file = await make(t.core, clinic, backupFileOf(t.core, clinic.id, backup.id));

    await expect(restoreClinic(t.core, clinic.id, { file, passphrase: 'not the right passphrase' }, { actor: CLI_ACTOR })).rejects.toMatchObject({
      code: 'VALIDATION',
      reason,
    });

    expect(await regionNames(t.core, clinic)).toEqual(before);
    expect(stagedLeftovers(t.core)).toEqual([]);
    expect(clinicBackups(t.core.layout.backupsDir, clinic.id).filter((b) => b.manifest.trigger === 'safety')).toEqual([]);
  });
});
