import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { provisioningPath } from '../../main/core/tenancy/provisioning-files';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { fixture, runCli, sqliteShell, swapIn, type Fixture } from './harness';

const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => f.cleanup()));

async function setUp(): Promise<Fixture> {
  const f = await fixture();
  fixtures.push(f);
  return f;
}

describe.concurrent('check', { timeout: 60_000 }, () => {
  test('a clean data folder: exit 0, no problems', async () => {
    const f = await setUp();
    await f.register('Fine Clinic');
    await f.register('Also Fine');
    // an archived clinic whose file went to the archive is not missing
    const archived = await f.register('Old Clinic');
    await f.core.master.updateTable('clinics').set({ status: 'archived' }).where('id', '=', archived.id).execute();
    // a registration running in another process: its row and half-built file are not problems
    const id = crypto.randomUUID();
    await f.core.master
      .insertInto('clinics')
      .values({ id, name: 'New Clinic', slug: 'new-clinic', db_name: 'tenant_new_clinic', contact_email: 'a@new.example', status: 'active', timezone: 'UTC', currency: 'USD', provisioning_state: 'provisioning', created_at: new Date().toISOString() })
      .execute();
    await f.close();
    rmSync(archived.dbPath);
    writeFileSync(provisioningPath(tenantDbPath(f.tenantsDir, 'new-clinic'), id), '');

    const human = await runCli(['check', '--data-dir', f.dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('Checked master and 2 clinic databases: no problems found.\n');
    const json = await runCli(['check', '--json', '--data-dir', f.dir]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, clinics: 2, problems: [] });
  });

  test('names every problem (missing, orphan, identity mismatch, damaged index, broken foreign key) and exits 1', async () => {
    const f = await setUp();
    const good = await f.register('Good Clinic');
    const missing = await f.register('Missing Clinic');
    const swapped = await f.register('Swapped Clinic');
    const damaged = await f.register('Damaged Clinic');
    const dangling = await f.register('Dangling Clinic');
    await f.close();

    rmSync(missing.dbPath);
    swapIn(good, swapped);
    copyFileSync(good.dbPath, path.join(f.tenantsDir, 'tenant_stray.sqlite3'));
    writeFileSync(path.join(f.tenantsDir, 'tenant_stray.sqlite3-wal'), '');
    mkdirSync(path.join(f.tenantsDir, 'junk'));
    // an index whose entries no longer match its table: integrity_check must notice
    sqliteShell(damaged.dbPath, "create table t(a, b); create index t_a on t(a); insert into t values (1, 'x'), (2, 'y');");
    sqliteShell(damaged.dbPath, "pragma writable_schema = on; update sqlite_schema set sql = 'CREATE INDEX t_a ON t(b)' where name = 't_a';");
    // rows pointing at parents that do not exist, written with enforcement off
    const orphanRows = 'pragma foreign_keys = off; create table zz_parent(id integer primary key); create table zz_child(pid references zz_parent(id)); insert into zz_child values (7), (8);';
    sqliteShell(dangling.dbPath, orphanRows);
    sqliteShell(path.join(f.dir, 'master.sqlite3'), orphanRows);

    const json = await runCli(['check', '--json', '--data-dir', f.dir]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; clinics: number; problems: { kind: string; database: string; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.clinics).toBe(5);
    for (const p of report.problems) expect(Object.keys(p)).toEqual(['kind', 'database', 'message']);
    const found = report.problems.map((p) => `${p.kind} ${p.database}`).sort();
    expect(found).toEqual(
      [
        'foreign-keys master',
        'foreign-keys dangling-clinic',
        'integrity damaged-clinic',
        'missing-file missing-clinic',
        'identity-mismatch swapped-clinic',
        'orphan-file tenant_stray.sqlite3',
        'orphan-file junk',
      ].sort(),
    );
    expect(report.problems.find((p) => p.database === 'damaged-clinic')!.message).toContain('missing from index t_a');
    expect(report.problems.find((p) => p.database === 'master')!.message).toBe('2 rows in zz_child refer to missing rows in zz_parent');
    expect(json.stdout).not.toContain(f.dir);

    const human = await runCli(['check', '--data-dir', f.dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('Checked master and 5 clinic databases: 7 problems.');
    expect(human.stdout).toContain('   missing-clinic: the database file is missing (missing-file)');
    expect(human.stdout).toContain('   swapped-clinic: the file belongs to a different clinic (identity-mismatch)');
    expect(human.stdout).toContain('   tenant_stray.sqlite3: no clinic owns this file (orphan-file)');
  });
});
