import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { sha256File } from '../../main/core/backup/file-io';
import { clinicBackups, listBackupSets } from '../../main/core/backup/list-backups';
import { readManifest } from '../../main/core/backup/manifest';
import { backupMaster } from '../../main/core/backup/schema';
import { backupClinic, backupEverything } from '../../main/core/backup/take-backup';
import { verifyBackup } from '../../main/core/backup/verify-backup';
import { tenantMigrations } from '../../migrations/tenant';
import { startTempCore, type TempCore } from '../helpers/temp-core';
import { addRegions, flipByte, newClinic } from './helpers';

let t: TempCore;
afterEach(async () => t?.dispose());

const mode = (file: string): number => statSync(file).mode & 0o777;

describe('backup of one clinic', () => {
  test('writes backups/<slug>/<UTC stamp>.sqlite3 with a manifest describing and verifying it', async () => {
    t = await startTempCore({ clock: () => new Date('2024-05-01T02:03:04.005Z') });
    const clinic = await newClinic(t.core, 'City Hospital');
    await addRegions(t.core, clinic, 'north', 3);

    const result = await backupClinic(t.core, clinic.id, { trigger: 'manual' });

    expect(result.id).toBe('clinic/2024-05-01T02-03-04-005Z');
    const dir = path.join(t.core.layout.backupsDir, 'city-hospital');
    expect(readdirSync(dir).sort()).toEqual(['2024-05-01T02-03-04-005Z.manifest.json', '2024-05-01T02-03-04-005Z.sqlite3']);
    const file = path.join(dir, '2024-05-01T02-03-04-005Z.sqlite3');
    const manifest = readManifest(path.join(dir, '2024-05-01T02-03-04-005Z.manifest.json'));
    expect(manifest).toMatchObject({ kind: 'clinic', trigger: 'manual', createdAt: '2024-05-01T02:03:04.005Z', failures: [] });
    expect(manifest?.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    const [entry] = manifest?.databases ?? [];
    expect(entry).toMatchObject({ role: 'clinic', clinic: { id: clinic.id, slug: 'city-hospital', name: 'City Hospital' } });
    expect(entry?.schema).toEqual(tenantMigrations.map((m) => m.name));
    expect(entry?.rowCounts.regions).toBe(3);
    expect(entry?.rowCounts.clinic_identity).toBe(1);
    expect(entry?.sha256).toBe(await sha256File(file));
    expect(entry?.bytes).toBe(statSync(file).size);

    // a self-contained file: no log beside it, readable by SQLite, stamped as the clinic's
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare('select clinic_id from clinic_identity').get()).toEqual({ clinic_id: clinic.id });
    expect(db.prepare('select name, timezone, currency from clinic_profile').get()).toEqual({ name: 'City Hospital', timezone: 'Europe/Berlin', currency: 'EUR' });
    db.close();
  });

  test('files are owner-only (0600) and folders 0700', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Modes Clinic');
    const result = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    expect(mode(t.core.layout.backupsDir)).toBe(0o700);
    expect(mode(result.dir)).toBe(0o700);
    for (const name of readdirSync(result.dir)) expect(mode(path.join(result.dir, name))).toBe(0o600);
  });

  test('two backups in the same millisecond get distinct names', async () => {
    t = await startTempCore({ clock: () => new Date('2024-05-01T00:00:00.000Z') });
    const clinic = await newClinic(t.core, 'Twice');
    const a = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    const b = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    expect(a.id).not.toBe(b.id);
    expect(clinicBackups(t.core.layout.backupsDir, clinic.id)).toHaveLength(2);
  });

  test('a backup reports progress as it copies', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Progress Clinic');
    await addRegions(t.core, clinic, 'bulk', 200);
    const seen: { done: number; total: number }[] = [];
    await backupClinic(t.core, clinic.id, { trigger: 'manual', onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    const last = seen.at(-1);
    expect(last?.done).toBe(last?.total);
  });

  test('is recorded in master, and a failure is recorded too', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Recorded');
    await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    // a clinic file that cannot be read: the backup fails and says so
    await t.core.tenants.close(clinic.id);
    writeFileSync(clinic.dbPath, 'not a database');
    await expect(backupClinic(t.core, clinic.id, { trigger: 'manual' })).rejects.toMatchObject({ code: 'TENANT_UNAVAILABLE' });
    const runs = await backupMaster(t.core.master).selectFrom('backup_runs').selectAll().orderBy('started_at').execute();
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'ok']);
    const failed = runs.find((r) => r.status === 'failed');
    expect(failed?.message).toBe('The clinic file is not a readable database.');
  });
});

describe('backup of everything', () => {
  test('is one folder with master, every clinic and one manifest', async () => {
    t = await startTempCore({ clock: () => new Date('2024-06-01T03:00:00.000Z') });
    const a = await newClinic(t.core, 'Alpha Clinic');
    const b = await newClinic(t.core, 'Beta Clinic');
    await addRegions(t.core, b, 'south', 2);

    const result = await backupEverything(t.core, { trigger: 'manual' });

    expect(result.id).toBe('all/2024-06-01T03-00-00-000Z');
    expect(readdirSync(result.dir).sort()).toEqual(['manifest.json', 'master.sqlite3', 'tenant_alpha_clinic.sqlite3', 'tenant_beta_clinic.sqlite3']);
    const manifest = readManifest(path.join(result.dir, 'manifest.json'));
    expect(manifest?.kind).toBe('all');
    expect(manifest?.databases.map((d) => [d.role, d.clinic?.slug ?? null])).toEqual([
      ['master', null],
      ['clinic', 'alpha-clinic'],
      ['clinic', 'beta-clinic'],
    ]);
    expect(manifest?.databases[0]?.rowCounts.clinics).toBe(2);
    expect(manifest?.databases[2]?.rowCounts.regions).toBe(2);
    expect(mode(result.dir)).toBe(0o700);
    // each clinic can find its copy in it
    expect(clinicBackups(t.core.layout.backupsDir, a.id).map((x) => x.id)).toEqual(['all/2024-06-01T03-00-00-000Z']);
  });

  test('a clinic that cannot be copied is listed as a failure and the rest still go', async () => {
    t = await startTempCore();
    await newClinic(t.core, 'Good Clinic');
    const bad = await newClinic(t.core, 'Bad Clinic');
    await t.core.tenants.close(bad.id);
    writeFileSync(bad.dbPath, 'garbage');
    const result = await backupEverything(t.core, { trigger: 'scheduled' });
    expect(result.manifest.failures).toEqual([{ clinicId: bad.id, slug: 'bad-clinic', message: 'The clinic file is not a readable database.' }]);
    expect(result.manifest.databases.map((d) => d.clinic?.slug ?? 'master')).toEqual(['master', 'good-clinic']);
    const run = await backupMaster(t.core.master).selectFrom('backup_runs').selectAll().executeTakeFirstOrThrow();
    expect(run.status).toBe('partial');
    expect(JSON.parse(run.failures ?? '[]')).toHaveLength(1);
  });
});

describe('verify-backup', () => {
  test('passes a good backup and fails one whose file changed after it was written', async () => {
    t = await startTempCore();
    const clinic = await newClinic(t.core, 'Verify Clinic');
    await addRegions(t.core, clinic, 'x', 5);
    const result = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
    const [set] = listBackupSets(t.core.layout.backupsDir);
    const file = path.join(result.dir, set?.manifest.databases[0]?.file ?? '');
    const good = await verifyBackup(t.core, file);
    expect(good.ok).toBe(true);
    expect(good.databases[0]?.checks.map((c) => c.name)).toEqual(['checksum', 'database', 'row-counts']);

    flipByte(file, -10);
    const bad = await verifyBackup(t.core, file);
    expect(bad.ok).toBe(false);
    expect(bad.databases[0]?.checks.find((c) => c.name === 'checksum')?.ok).toBe(false);
  });

  test('checks every database of a backup of everything', async () => {
    t = await startTempCore();
    await newClinic(t.core, 'One');
    await newClinic(t.core, 'Two');
    const result = await backupEverything(t.core, { trigger: 'manual' });
    const report = await verifyBackup(t.core, result.dir);
    expect(report).toMatchObject({ ok: true, kind: 'everything' });
    expect(report.databases).toHaveLength(3);
  });
});
