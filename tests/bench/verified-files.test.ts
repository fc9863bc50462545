import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { listTenants } from '../../main/core/admin/list-tenants';
import { buildTenantFile } from '../../main/core/tenancy/build-tenant-file';
import { migrateAllTenants } from '../../main/core/tenancy/migrate-all';
import type { RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { registerClinic } from '../../main/core/tenancy/register-clinic';
import { fingerprintBefore, VERIFIED_FILES_NAME, VerifiedFiles } from '../../main/core/tenancy/verified-files';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';

/** Checks of files changed less than this long ago are not remembered (file times tick coarsely). */
const RACY_WAIT_MS = 2_100;
const ALL = tenantMigrations.map((m) => m.name);

let t: TempCore;
let clinics: Record<'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo', RegisteredClinic>;

const cacheFile = () => path.join(t.core.layout.root, VERIFIED_FILES_NAME);
const schemaOf = async (slug: string) => (await listTenants(t.core)).find((c) => c.slug === slug)?.schema;

/** Records `applied` for a clinic as if a check had just proven it, with the file's current fingerprint. */
function claim(clinic: RegisteredClinic, applied: string[]): void {
  const verified = VerifiedFiles.load(t.core.layout.root);
  verified.remember(clinic, clinic.dbPath, applied, fingerprintBefore(clinic.dbPath));
  verified.save();
}

beforeAll(async () => {
  t = await startTempCore();
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'] as const;
  const made = await Promise.all(names.map((n) => registerClinic(t.core, clinicInput(`${n} Clinic`))));
  clinics = Object.fromEntries(names.map((n, i) => [n, made[i]!])) as typeof clinics;
  // echo's file is one built before the other migrations existed
  rmSync(clinics.echo.dbPath);
  await buildTenantFile(clinics.echo.dbPath, clinics.echo, { migrations: tenantMigrations.slice(0, 1) });
  await new Promise((resolve) => setTimeout(resolve, RACY_WAIT_MS));
  await listTenants(t.core);
});
afterAll(async () => t.dispose());

describe('verified clinic files', () => {
  test('a listing remembers each file it proved, with the migrations it found', () => {
    const verified = VerifiedFiles.load(t.core.layout.root);
    expect(verified.applied(clinics.alpha, clinics.alpha.dbPath)).toEqual(ALL);
    expect(verified.applied(clinics.echo, clinics.echo.dbPath)).toEqual(ALL.slice(0, 1));
    // the record belongs to the clinic and its slug, not to whoever asks with the same file
    expect(verified.applied({ id: clinics.alpha.id, slug: 'other-slug' }, clinics.alpha.dbPath)).toBeNull();
  });

  test('an unchanged file is not opened again: what was proven is what the listing shows', async () => {
    claim(clinics.bravo, ALL.slice(0, 2));
    expect(await schemaOf('bravo-clinic')).toEqual({ state: 'pending', pending: ALL.length - 2 });
    claim(clinics.bravo, ALL);
    expect(await schemaOf('bravo-clinic')).toEqual({ state: 'up-to-date' });
  });

  test('a file changed in any way since is opened and checked again', async () => {
    copyFileSync(clinics.alpha.dbPath, clinics.charlie.dbPath);
    expect(await schemaOf('charlie-clinic')).toEqual({ state: 'refused', reason: 'identity-mismatch' });

    const db = new Database(clinics.delta.dbPath);
    db.prepare('insert into medadmin_migrations (name, applied_at) values (?, ?)').run('9990-from-the-future', new Date().toISOString());
    db.close();
    expect(await schemaOf('delta-clinic')).toEqual({ state: 'refused', reason: 'newer-schema' });
  });

  test('a check of a file changed moments before is not remembered', async () => {
    const fresh = await registerClinic(t.core, clinicInput('Foxtrot Clinic'));
    expect(await schemaOf('foxtrot-clinic')).toEqual({ state: 'up-to-date' });
    expect(VerifiedFiles.load(t.core.layout.root).applied(fresh, fresh.dbPath)).toBeNull();
  });

  test('a damaged or foreign record file is ignored and replaced', async () => {
    writeFileSync(cacheFile(), '{"format": 1, "lists": [], "clinics": {"x": ["a", "b", 7]}}');
    expect(VerifiedFiles.load(t.core.layout.root).applied(clinics.alpha, clinics.alpha.dbPath)).toBeNull();
    expect(await schemaOf('alpha-clinic')).toEqual({ state: 'up-to-date' });
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8'))).toMatchObject({ format: 1 });
  });

  test('migrate-all does not open a file proven up to date; serving it still checks and migrates it', async () => {
    claim(clinics.echo, ALL);
    const run = await migrateAllTenants(t.core, { company: 'echo-clinic' });
    expect(run.results).toEqual([{ slug: 'echo-clinic', result: 'up-to-date', applied: [] }]);
    expect(await t.core.tenants.use(clinics.echo, (h) => h.migrated)).toEqual(ALL.slice(1));
    await t.core.tenants.closeAll();
  });

  test('migrate-all opens and migrates a proven file when the list has migrations it lacks', async () => {
    const extra = { name: '9000-extra', up: async () => undefined };
    const run = await migrateAllTenants(t.core, { company: 'alpha-clinic', migrations: [...tenantMigrations, extra] });
    expect(run.results).toEqual([{ slug: 'alpha-clinic', result: 'applied', applied: ['9000-extra'] }]);
  });
});
