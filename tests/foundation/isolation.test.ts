import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../../main/core/core';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';
import { listDir, peek } from './helpers';

/** The reference design's manual tests 1–3, automated. */
describe('two clinics, two files, no shared rows', () => {
  let t: TempCore;
  let city: RegisteredClinic;
  let county: RegisteredClinic;

  async function addDoctors(core: Core, clinic: RegisteredClinic, names: string[]): Promise<void> {
    const now = new Date().toISOString();
    await core.tenants.use(clinic, (h) =>
      h.db
        .insertInto('doctors')
        .values(names.map((full_name) => ({ id: randomUUID(), full_name, created_at: now, updated_at: now })))
        .execute(),
    );
  }

  const doctorNames = (core: Core, clinic: RegisteredClinic) =>
    core.tenants.use(clinic, async (h) => (await h.db.selectFrom('doctors').select('full_name').orderBy('full_name').execute()).map((d) => d.full_name));

  beforeAll(async () => {
    t = await startTempCore();
    city = await registerClinic(t.core, clinicInput('City Hospital'));
    county = await registerClinic(t.core, clinicInput('County Clinic'));
    await addDoctors(t.core, city, ['Dr. Adams', 'Dr. Baker', 'Dr. Clark']);
    await addDoctors(t.core, county, ['Dr. Young', 'Dr. Zhang']);
  });
  afterAll(async () => t.dispose());

  test('1: registering two clinics gives two files named after them', () => {
    expect(city.dbName).toBe('tenant_city_hospital');
    expect(county.dbName).toBe('tenant_county_clinic');
    expect(listDir(t.core.layout.tenantsDir).filter((f) => f.endsWith('.sqlite3'))).toEqual([
      'tenant_city_hospital.sqlite3',
      'tenant_county_clinic.sqlite3',
    ]);
  });

  test("2: each clinic's handle sees only its own doctors", async () => {
    expect(await doctorNames(t.core, city)).toEqual(['Dr. Adams', 'Dr. Baker', 'Dr. Clark']);
    expect(await doctorNames(t.core, county)).toEqual(['Dr. Young', 'Dr. Zhang']);
  });

  test('3: each file, opened with the sqlite3 shell, holds only its own doctors', async () => {
    await t.core.tenants.closeAll();
    const shell = (file: string) => execFileSync('sqlite3', [file, 'select full_name from doctors order by full_name;'], { encoding: 'utf8' });
    expect(shell(city.dbPath)).toBe('Dr. Adams\nDr. Baker\nDr. Clark\n');
    expect(shell(county.dbPath)).toBe('Dr. Young\nDr. Zhang\n');
  });

  test('3b: the same with plain better-sqlite3, and no clinic table carries a clinic id', () => {
    for (const [clinic, count] of [
      [city, 3],
      [county, 2],
    ] as const) {
      peek(clinic.dbPath, (db) => {
        expect(db.prepare('select count(*) as n from doctors').get()).toEqual({ n: count });
        const tables = db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[];
        for (const { name } of tables) {
          const columns = db.prepare('select name from pragma_table_info(?)').all(name) as { name: string }[];
          if (name !== 'clinic_identity') expect(columns.map((c) => c.name)).not.toContain('clinic_id');
        }
      });
    }
  });
});
