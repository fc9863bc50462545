import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTenant } from '../../main/core/tenancy/open-tenant';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { TenantUnavailableError, type TenantRefusal } from '../../main/core/tenancy/tenant-errors';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';
import { digest, listDir } from './helpers';

let t: TempCore;
let a: RegisteredClinic;
let b: RegisteredClinic;
beforeEach(async () => {
  t = await startTempCore();
  a = await registerClinic(t.core, clinicInput('Clinic A'));
  b = await registerClinic(t.core, clinicInput('Clinic B', { owner: { userId: a.ownerId } }));
});
afterEach(async () => t.dispose());

/** Opening `clinic` is refused for `reason`, by the pool and by openTenant, and its file is left byte for byte as it was. */
async function expectRefused(clinic: RegisteredClinic, reason: TenantRefusal, file = clinic.dbPath): Promise<void> {
  const before = reason === 'not-a-file' || reason === 'missing-file' ? null : digest(file);
  const sidecarsBefore = listDir(t.core.layout.tenantsDir);
  const err = await t.core.tenants.use(clinic, () => 'served').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TenantUnavailableError);
  expect(err).toMatchObject({ code: 'TENANT_UNAVAILABLE', reason });
  expect((err as Error).message).not.toContain(t.dir);
  await expect(openTenant(t.core.layout.tenantsDir, clinic)).rejects.toMatchObject({ reason });
  expect(t.core.tenants.isOpen(clinic.id)).toBe(false);
  if (before !== null) expect(digest(file)).toBe(before);
  expect(listDir(t.core.layout.tenantsDir)).toEqual(sidecarsBefore);
}

describe('a clinic file is served only to its own clinic', () => {
  test('its own file opens', async () => {
    expect(await t.core.tenants.use(a, (h) => h.clinicId)).toBe(a.id);
  });

  test("swapped: A's file copied over B's name is refused as B", async () => {
    copyFileSync(a.dbPath, b.dbPath);
    await expectRefused(b, 'identity-mismatch');
  });

  test("swapped with a rollback-journal copy: refused before WAL mode could rewrite its header", async () => {
    await t.core.tenants.closeAll();
    const copy = new Database(a.dbPath);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    copyFileSync(a.dbPath, b.dbPath);
    await expectRefused(b, 'identity-mismatch');
  });

  test("renamed: A's file moved to B's name is refused as B, and A's missing file is reported as missing", async () => {
    rmSync(b.dbPath);
    renameSync(a.dbPath, b.dbPath);
    await expectRefused(b, 'identity-mismatch');
    await expectRefused(a, 'missing-file');
  });

  test('renamed in master only: the stamp still names the old slug', async () => {
    await t.core.master.updateTable('clinics').set({ slug: 'clinic-a-renamed', db_name: 'tenant_clinic_a_renamed' }).where('id', '=', a.id).execute();
    const moved = { ...a, slug: 'clinic-a-renamed', dbPath: path.join(t.core.layout.tenantsDir, 'tenant_clinic_a_renamed.sqlite3') };
    renameSync(a.dbPath, moved.dbPath);
    await expectRefused(moved, 'identity-mismatch');
  });

  test("symlinked: a link at B's name is refused, even when it points at B's own file", async () => {
    const real = path.join(t.dir, 'elsewhere.sqlite3');
    renameSync(b.dbPath, real);
    symlinkSync(real, b.dbPath);
    await expectRefused(b, 'symlink', real);
    rmSync(b.dbPath);
    symlinkSync(a.dbPath, b.dbPath);
    await expectRefused(b, 'symlink', a.dbPath);
  });

  test('a foreign SQLite database is refused and not converted to WAL', async () => {
    rmSync(b.dbPath);
    const foreign = new Database(b.dbPath);
    foreign.exec(`create table doctors (id text primary key, full_name text); insert into doctors values ('x', 'Dr. Foreign')`);
    foreign.close();
    await expectRefused(b, 'foreign');
  });

  test('a SQLite database claiming to be MedAdmin but without a stamp is refused', async () => {
    rmSync(b.dbPath);
    const foreign = new Database(b.dbPath);
    foreign.pragma('journal_mode = WAL');
    foreign.pragma('application_id = 0x4d444d4e');
    foreign.exec('create table doctors (id text primary key)');
    foreign.close();
    await expectRefused(b, 'foreign');
  });

  test('a file that is not a database is refused', async () => {
    writeFileSync(b.dbPath, 'these are not the records you are looking for\n'.repeat(20));
    await expectRefused(b, 'not-a-database');
  });

  test('an empty file is refused, not turned into an empty database', async () => {
    writeFileSync(b.dbPath, '');
    await expectRefused(b, 'not-a-database');
  });

  test('a folder at the clinic file name is refused', async () => {
    rmSync(b.dbPath);
    mkdirSync(b.dbPath);
    await expectRefused(b, 'not-a-file');
  });

  test('a refused clinic does not affect the others', async () => {
    copyFileSync(a.dbPath, b.dbPath);
    await expect(t.core.tenants.use(b, () => undefined)).rejects.toBeInstanceOf(TenantUnavailableError);
    expect(await t.core.tenants.use(a, (h) => h.slug)).toBe('clinic-a');
  });
});
