import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import { fixture, makeBehind, replaceWithGarbage, runCli, type Fixture } from './harness';

const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => f.cleanup()));

async function setUp(): Promise<Fixture> {
  const f = await fixture();
  fixtures.push(f);
  return f;
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const RESULT_KEYS = ['slug', 'result', 'applied'];

describe.concurrent('migrate-tenants', { timeout: 60_000 }, () => {
  test('--json: applied / up-to-date / failed per clinic, exit 1 when one failed, progress on stderr only', async () => {
    const f = await setUp();
    const behind = await f.register('Behind Clinic');
    await f.register('Current Clinic');
    const broken = await f.register('Broken Clinic');
    await f.close();
    const pending = await makeBehind(behind);
    replaceWithGarbage(broken.dbPath);

    const r = await runCli(['migrate-tenants', '--json', '--data-dir', f.dir]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    const bySlug = Object.fromEntries(results.map((x) => [x.slug, x]));
    expect(bySlug['behind-clinic']).toEqual({ slug: 'behind-clinic', result: 'applied', applied: pending });
    expect(bySlug['current-clinic']).toEqual({ slug: 'current-clinic', result: 'up-to-date', applied: [] });
    expect(Object.keys(bySlug['broken-clinic']!)).toEqual([...RESULT_KEYS, 'error']);
    expect(bySlug['broken-clinic']).toMatchObject({ result: 'failed', applied: [], error: expect.any(String) });
    expect(String(bySlug['broken-clinic']!.error)).not.toContain(f.dir);

    const progress = r.stderr.trim().split('\n');
    expect(progress).toHaveLength(3);
    expect(progress).toContain(`[1/3] behind-clinic: applied ${pending.length} (${pending.join(', ')})`);
    expect(progress.some((l) => /^\[\d\/3\] broken-clinic: FAILED: /.test(l))).toBe(true);

    // a second run: the migrated clinic is now up to date, the broken one still fails and is untouched
    const before = sha(broken.dbPath);
    const again = await runCli(['migrate-tenants', '--data-dir', f.dir]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('behind-clinic: up to date');
    expect(again.stdout).toContain('3 clinics: 0 migrated, 2 up to date, 1 failed.');
    expect(sha(broken.dbPath)).toBe(before);
  });

  test('--company migrates only that clinic; exit 0 when it succeeds; an unknown one is exit 1', async () => {
    const f = await setUp();
    const one = await f.register('One Clinic');
    const two = await f.register('Two Clinic');
    await f.close();
    await makeBehind(one);
    await makeBehind(two);

    const r = await runCli(['migrate-tenants', '--company', 'one-clinic', '--json', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ slug: 'one-clinic', result: 'applied', applied: tenantMigrations.slice(1).map((m) => m.name) }]);
    const list = await runCli(['list-tenants', '--json', '--data-dir', f.dir]);
    const schemas = Object.fromEntries((JSON.parse(list.stdout) as { slug: string; schema: unknown }[]).map((t) => [t.slug, t.schema]));
    expect(schemas).toEqual({ 'one-clinic': { state: 'up-to-date' }, 'two-clinic': { state: 'pending', pending: tenantMigrations.length - 1 } });

    const unknown = await runCli(['migrate-tenants', '--company', 'nowhere', '--data-dir', f.dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: No clinic has that code. --company: Unknown clinic.\n');
  });
});

describe.concurrent('create-tenant-db', { timeout: 60_000 }, () => {
  test("creates a missing clinic file, then refuses to overwrite it; an unknown clinic is exit 1", async () => {
    const f = await setUp();
    const clinic = await f.register('Lost Clinic');
    await f.close();
    rmSync(clinic.dbPath);

    const r = await runCli(['create-tenant-db', 'lost-clinic', '--json', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: clinic.id, slug: 'lost-clinic', dbName: 'tenant_lost_clinic', dbPath: clinic.dbPath });
    expect(existsSync(clinic.dbPath)).toBe(true);
    const check = await runCli(['check', '--json', '--data-dir', f.dir]);
    expect(JSON.parse(check.stdout).problems).toEqual([]);

    const before = sha(clinic.dbPath);
    const again = await runCli(['create-tenant-db', 'lost-clinic', '--data-dir', f.dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: A database file for this clinic already exists.\n');
    expect(sha(clinic.dbPath)).toBe(before);

    const unknown = await runCli(['create-tenant-db', 'no-such-clinic', '--data-dir', f.dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: No clinic has that code. SLUG: Unknown clinic.\n');
  });

  test('human output names the database, not its path', async () => {
    const f = await setUp();
    const clinic = await f.register('Quiet Clinic');
    await f.close();
    rmSync(clinic.dbPath);
    const r = await runCli(['create-tenant-db', 'quiet-clinic', '--data-dir', f.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Created database tenant_quiet_clinic for clinic quiet-clinic.\n');
  });
});
