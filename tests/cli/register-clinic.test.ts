import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../main/core/auth/password';
import { startCore } from '../../main/core/core';
import { STRONG_PASSWORD, tempDir } from '../helpers/temp-core';
import { runCli, runCliInTerminal, STACK_FRAME } from './harness';

const scratch = tempDir('medadmin-cli-register-');
afterAll(() => scratch.cleanup());

const baseArgs = (dataDir: string, extra: string[] = []) => [
  'register-clinic',
  '--name',
  'City Hospital',
  '--email',
  'Admin@CityHospital.example',
  '--admin-name',
  'Ann Admin',
  '--password-stdin',
  '--data-dir',
  dataDir,
  ...extra,
];

async function masterRows(dataDir: string) {
  const core = await startCore({ dataDir });
  try {
    const clinics = await core.master.selectFrom('clinics').selectAll().execute();
    const users = await core.master.selectFrom('users').selectAll().execute();
    const memberships = await core.master.selectFrom('memberships').selectAll().execute();
    const subscriptions = await core.master.selectFrom('subscriptions').selectAll().execute();
    return { clinics, users, memberships, subscriptions };
  } finally {
    await core.close();
  }
}

describe.concurrent('register-clinic', { timeout: 60_000 }, () => {
  test('--json prints exactly {id, slug, dbName, dbPath}; the slug comes from the name; owner, membership and trial exist', async () => {
    const dataDir = path.join(scratch.dir, 'json');
    // a trailing newline, as `echo` adds, is not part of the password
    const r = await runCli(baseArgs(dataDir, ['--json']), { input: `${STRONG_PASSWORD}\n` });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['id', 'slug', 'dbName', 'dbPath']);
    expect(out.slug).toBe('city-hospital');
    expect(out.dbName).toBe('tenant_city_hospital');
    expect(out.dbPath).toBe(path.join(dataDir, 'tenant_databases', 'tenant_city_hospital.sqlite3'));
    expect(existsSync(out.dbPath)).toBe(true);

    const rows = await masterRows(dataDir);
    expect(rows.clinics).toMatchObject([{ id: out.id, name: 'City Hospital', contact_email: 'Admin@CityHospital.example', provisioning_state: 'ready' }]);
    expect(rows.users).toHaveLength(1);
    expect(rows.users[0]).toMatchObject({ email: 'Admin@CityHospital.example', full_name: 'Ann Admin' });
    expect(await verifyPassword(STRONG_PASSWORD, rows.users[0]!.password_hash)).toBe(true);
    expect(rows.memberships).toMatchObject([{ clinic_id: out.id, user_id: rows.users[0]!.id, role: 'owner' }]);
    expect(rows.subscriptions).toMatchObject([{ clinic_id: out.id, plan_code: 'basic', status: 'trial' }]);
  });

  test('--slug, --plan, --timezone and --currency are honoured; human output names no path', async () => {
    const dataDir = path.join(scratch.dir, 'options');
    const r = await runCli(
      baseArgs(dataDir, ['--slug', 'city-2', '--plan', 'professional', '--timezone', 'Asia/Tokyo', '--currency', 'JPY']),
      { input: STRONG_PASSWORD },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Registered City Hospital.');
    expect(r.stdout).toContain('Slug: city-2');
    expect(r.stdout).toContain('DB Name: tenant_city_2');
    expect(r.stdout).not.toContain(dataDir);
    const rows = await masterRows(dataDir);
    expect(rows.clinics).toMatchObject([{ slug: 'city-2', timezone: 'Asia/Tokyo', currency: 'JPY' }]);
    expect(rows.subscriptions).toMatchObject([{ plan_code: 'professional' }]);

    // the same slug again is refused and the first clinic is untouched
    const again = await runCli(baseArgs(dataDir, ['--slug', 'city-2']), { input: STRONG_PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: That clinic code is already in use. --slug: Already in use.\n');
    expect((await masterRows(dataDir)).clinics).toHaveLength(1);
  });

  test.each([
    ['a bad slug', ['--slug', '../evil'], '--slug: Use 2–63 lowercase letters'],
    ['an unknown plan', ['--plan', 'platinum'], '--plan: Choose basic, professional or enterprise.'],
    ['an unknown time zone', ['--timezone', 'Mars/Olympus'], '--timezone:'],
  ])('%s: exit 1, one line naming the option, nothing created', async (_label, extra, message) => {
    const dataDir = path.join(scratch.dir, `bad-${extra[0]}`);
    const r = await runCli(baseArgs(dataDir, extra), { input: STRONG_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toContain(dataDir);
    expect((await masterRows(dataDir)).clinics).toHaveLength(0);
    expect(readdirSync(path.join(dataDir, 'tenant_databases'))).toEqual([]);
  });

  test('a weak password from stdin is refused: exit 1, nothing created', async () => {
    const dataDir = path.join(scratch.dir, 'weak');
    const r = await runCli(baseArgs(dataDir, ['--json']), { input: 'short\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: The password is too short. password: Use at least 10 characters.\n');
    expect((await masterRows(dataDir)).users).toHaveLength(0);
  });

  test('an invalid email is named once, by its option', async () => {
    const dataDir = path.join(scratch.dir, 'email');
    const args = baseArgs(dataDir);
    args[args.indexOf('--email') + 1] = 'not-an-email';
    const r = await runCli(args, { input: STRONG_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: Some fields need attention. --email: Enter a valid email address.\n');
  });

  test('at a terminal the password is typed without echo (backspace works) and never appears in the output', async () => {
    const dataDir = path.join(scratch.dir, 'terminal');
    const r = await runCliInTerminal(baseArgs(dataDir, ['--json']), 'Password: ', `${STRONG_PASSWORD}X\u007f\r`);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(STRONG_PASSWORD.slice(0, 8));
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(json.slug).toBe('city-hospital');
    const { users } = await masterRows(dataDir);
    expect(await verifyPassword(STRONG_PASSWORD, users[0]!.password_hash)).toBe(true);
  });
});
