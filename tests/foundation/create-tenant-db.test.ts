import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { createTenantDb } from '../../main/core/tenancy/create-tenant-db';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';
import { digest, listDir, peek } from './helpers';

let t: TempCore;
let clinic: RegisteredClinic;
beforeEach(async () => {
  t = await startTempCore();
  clinic = await registerClinic(t.core, clinicInput('City Hospital'));
});
afterEach(async () => t.dispose());

describe('createTenantDb', () => {
  test("builds a missing clinic's database: migrated, stamped, and served again", async () => {
    rmSync(clinic.dbPath);
    await expect(t.core.tenants.use(clinic, () => undefined)).rejects.toMatchObject({ reason: 'missing-file' });
    const created = await createTenantDb(t.core, 'city-hospital');
    expect(created).toEqual({ id: clinic.id, slug: 'city-hospital', dbName: 'tenant_city_hospital', dbPath: clinic.dbPath });
    expect(listDir(t.core.layout.tenantsDir)).toEqual(['tenant_city_hospital.sqlite3']);
    expect(peek(clinic.dbPath, (db) => db.prepare('select name from medadmin_migrations order by name').pluck().all())).toEqual(
      tenantMigrations.map((m) => m.name),
    );
    expect(await t.core.tenants.use(clinic, (h) => h.migrated)).toEqual([]);
  });

  test('refuses to overwrite an existing file, whatever it holds', async () => {
    const before = digest(clinic.dbPath);
    await expect(createTenantDb(t.core, 'city-hospital')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(digest(clinic.dbPath)).toBe(before);

    writeFileSync(clinic.dbPath, 'damaged');
    const damaged = digest(clinic.dbPath);
    await expect(createTenantDb(t.core, 'city-hospital')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(digest(clinic.dbPath)).toBe(damaged);

    rmSync(clinic.dbPath);
    symlinkSync(path.join(t.dir, 'nowhere.sqlite3'), clinic.dbPath);
    await expect(createTenantDb(t.core, 'city-hospital')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(listDir(t.dir)).not.toContain('nowhere.sqlite3');
  });

  test('an unknown clinic is NOT_FOUND and nothing is created', async () => {
    for (const slug of ['county-clinic', '../city-hospital', 'City-Hospital', '']) {
      await expect(createTenantDb(t.core, slug)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(listDir(t.core.layout.tenantsDir)).toEqual(['tenant_city_hospital.sqlite3']);
  });

  test('an archived clinic is refused, not given an empty database', async () => {
    rmSync(clinic.dbPath);
    await t.core.master.updateTable('clinics').set({ status: 'archived' }).where('id', '=', clinic.id).execute();
    await expect(createTenantDb(t.core, 'city-hospital')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(listDir(t.core.layout.tenantsDir)).toEqual([]);
  });

  test('a clinic still being registered is not visible', async () => {
    rmSync(clinic.dbPath);
    await t.core.master.updateTable('clinics').set({ provisioning_state: 'provisioning' }).where('id', '=', clinic.id).execute();
    await expect(createTenantDb(t.core, 'city-hospital')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(listDir(t.core.layout.tenantsDir)).toEqual([]);
  });
});
