import Database from 'better-sqlite3';
import { masterMigrations } from '../../migrations/master';
import { startCore } from '../../main/core/core';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import type { RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { tempDir } from '../helpers/temp-core';
import { addFutureMigration, fixture, makeBehind, replaceWithGarbage, runCli, swapIn, type Fixture } from './harness';

const LIST_KEYS = ['name', 'slug', 'dbName', 'email', 'status', 'users', 'plan', 'subscriptionStatus', 'daysRemaining', 'sizeBytes', 'schema'];

let f: Fixture;
let clinics: Record<string, RegisteredClinic>;
const empty = tempDir('medadmin-cli-empty-');

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every schema state list-tenants can show, one clinic each. */
beforeAll(async () => {
  await (await startCore({ dataDir: empty.dir })).close();
  f = await fixture();
  const alpha = await f.register('Alpha Clinic');
  const bravo = await f.register('Bravo Clinic');
  const charlie = await f.register('Charlie Clinic');
  const delta = await f.register('Delta Clinic');
  const echo = await f.register('Echo Clinic');
  const foxtrot = await f.register('Foxtrot Clinic', { plan: 'enterprise' });
  // a second member of alpha: users counts memberships
  await f.core.master.insertInto('memberships').values({ user_id: bravo.ownerId, clinic_id: alpha.id, role: 'front_desk', created_at: new Date().toISOString() }).execute();
  // cancelled with its paid period still running: read-only, so no days left, as the app shows it
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await f.core.master.updateTable('subscriptions').set({ status: 'cancelled', current_period_end: future }).where('clinic_id', '=', charlie.id).execute();
  await f.close();
  await makeBehind(bravo);
  rmSync(charlie.dbPath);
  swapIn(alpha, delta);
  replaceWithGarbage(echo.dbPath);
  addFutureMigration(foxtrot.dbPath);
  clinics = { alpha, bravo, charlie, delta, echo, foxtrot };
});

afterAll(() => {
  f?.cleanup();
  empty.cleanup();
});

describe.concurrent('list-tenants', { timeout: 60_000 }, () => {
  test('--json: one object per clinic with exactly the published keys and every schema state; no file changes', async () => {
    const files = Object.values(clinics).filter((c) => c !== clinics.charlie).map((c) => c.dbPath);
    const before = files.map(sha);
    const r = await runCli(['list-tenants', '--json', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const item of list) expect(Object.keys(item)).toEqual(LIST_KEYS);
    expect(list.map((t) => t.slug)).toEqual(['alpha-clinic', 'bravo-clinic', 'charlie-clinic', 'delta-clinic', 'echo-clinic', 'foxtrot-clinic']);
    const bySlug = Object.fromEntries(list.map((t) => [t.slug, t]));

    expect(bySlug['alpha-clinic']).toEqual({
      name: 'Alpha Clinic',
      slug: 'alpha-clinic',
      dbName: 'tenant_alpha_clinic',
      email: 'admin@alpha-clinic.example',
      status: 'active',
      users: 2,
      plan: 'basic',
      subscriptionStatus: 'trial',
      daysRemaining: 14,
      sizeBytes: statSync(clinics.alpha!.dbPath).size,
      schema: { state: 'up-to-date' },
    });
    expect(bySlug['bravo-clinic']!.schema).toEqual({ state: 'pending', pending: tenantMigrations.length - 1 });
    expect(bySlug['charlie-clinic']).toMatchObject({ subscriptionStatus: 'cancelled', daysRemaining: 0 });
    expect(bySlug['charlie-clinic']).toMatchObject({ schema: { state: 'missing' }, sizeBytes: null });
    expect(bySlug['delta-clinic']!.schema).toEqual({ state: 'refused', reason: 'identity-mismatch' });
    expect(bySlug['echo-clinic']!.schema).toEqual({ state: 'refused', reason: 'not-a-database' });
    expect(bySlug['foxtrot-clinic']).toMatchObject({ plan: 'enterprise', daysRemaining: 30, schema: { state: 'refused', reason: 'newer-schema' } });

    // computed without migrating or writing: every file is byte for byte as it was
    expect(files.map(sha)).toEqual(before);
  });

  test("human output follows the reference design's list_tenants block", async () => {
    const r = await runCli(['list-tenants', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Found 6 clinics:');
    expect(lines.slice(2, 12)).toEqual([
      '1. Alpha Clinic',
      '   Slug: alpha-clinic',
      '   DB Name: tenant_alpha_clinic',
      '   Email: admin@alpha-clinic.example',
      '   Status: Active',
      '   Users: 2',
      '   Subscription: Basic (trial)',
      '   Days remaining: 14',
      expect.stringMatching(/^ {3}Size: \d+ KB$/),
      '   Schema: up to date',
    ]);
    expect(r.stdout).toContain(`   Schema: ${tenantMigrations.length - 1} pending`);
    expect(r.stdout).toContain('   Schema: missing file');
    expect(r.stdout).toContain('   Schema: refused: identity-mismatch');
    expect(r.stdout).toContain('   Schema: refused: not-a-database');
    expect(r.stdout).toContain('   Schema: refused: newer-schema');
    expect(r.stdout).toContain('   Subscription: Enterprise (trial)');
  });

  test('no clinics: a sentence, or an empty JSON array', async () => {
    const human = await runCli(['list-tenants', '--data-dir', empty.dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('No clinics registered.\n');
    const json = await runCli(['list-tenants', '--json', '--data-dir', empty.dir]);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });
});

describe.concurrent('status', { timeout: 60_000 }, () => {
  test('a master that is behind is reported with its pending migrations, and left as it was', async () => {
    const behind = tempDir('medadmin-cli-behind-');
    try {
      await (await startCore({ dataDir: behind.dir })).close();
      const masterFile = path.join(behind.dir, 'master.sqlite3');
      const last = masterMigrations[masterMigrations.length - 1]!.name;
      const db = new Database(masterFile);
      db.prepare('delete from medadmin_migrations where name = ?').run(last);
      db.close();
      const before = sha(masterFile);
      const r = await runCli(['status', '--json', '--data-dir', behind.dir]);
      expect(r.code).toBe(0);
      const status = JSON.parse(r.stdout);
      expect(status.pendingMigrations.master).toEqual([last]);
      expect(status.master.schema).not.toEqual({ state: 'up-to-date' });
      expect(sha(masterFile)).toBe(before);
    } finally {
      behind.cleanup();
    }
  });

  test('--json: data dir, master state, clinic count and pending migrations per kind', async () => {
    const r = await runCli(['status', '--json', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(Object.keys(status)).toEqual(['dataDir', 'master', 'clinics', 'clinicSchemas', 'pendingMigrations']);
    expect(status.dataDir).toBe(path.resolve(f.dir));
    expect(status.master).toEqual({ schema: { state: 'up-to-date' }, applied: expect.any(Number) });
    expect(status.clinics).toBe(6);
    expect(status.clinicSchemas).toEqual({ upToDate: 1, pending: 1, missing: 1, refused: 3 });
    expect(status.pendingMigrations).toEqual({
      master: [],
      clinics: tenantMigrations.slice(1).map((m) => ({ name: m.name, clinics: 1 })),
    });
  });

  test('human output', async () => {
    const r = await runCli(['status', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Data directory: ${path.resolve(f.dir)}\n`);
    expect(r.stdout).toMatch(/^Master database: up to date \(\d+ migrations applied\)$/m);
    expect(r.stdout).toContain('Clinics: 6 (1 up to date, 1 with pending migrations, 1 missing file, 3 refused)');
    expect(r.stdout).toContain('   master: none');
    expect(r.stdout).toContain(`   clinics: ${tenantMigrations[1]!.name} (1 clinic)`);
  });
});
