import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startCore } from '../../main/core/core';
import { tempDir } from '../helpers/temp-core';
import { addFutureMigration, fixture, REPO_ROOT, runCli, STACK_FRAME } from './harness';

const COMMANDS = ['register-clinic', 'list-tenants', 'migrate-tenants', 'create-tenant-db', 'status', 'check'];

const scratch = tempDir('medadmin-cli-usage-');
afterAll(() => scratch.cleanup());

/** A real, empty data folder, as the app leaves it on first start. */
async function dataFolder(dir: string): Promise<string> {
  await (await startCore({ dataDir: dir })).close();
  return dir;
}

describe.concurrent('help and usage errors', { timeout: 60_000 }, () => {
  test('--help lists every command and the exit codes, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('Exit codes: 0 success, 1 failure');
  });

  test.each(COMMANDS)('%s --help prints its usage with --data-dir, exit 0', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: medadmin ${name}`);
    expect(r.stdout).toContain('--data-dir <dir>');
    expect(r.stderr).toBe('');
  });

  test('help <command> works like <command> --help', async () => {
    const r = await runCli(['help', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: medadmin check');
  });

  test('no command: usage on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: medadmin');
  });

  test('unknown command: exit 2 with one line naming it', async () => {
    const r = await runCli(['list-tenant']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown command 'list-tenant'/);
    expect(r.stdout).toBe('');
  });

  test('missing required option: exit 2', async () => {
    const r = await runCli(['register-clinic', '--name', 'City Hospital', '--password-stdin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--email <email>' not specified");
  });

  test('--password-stdin is required: no password is ever taken from the arguments', async () => {
    const r = await runCli(['register-clinic', '--name', 'A Clinic', '--email', 'a@b.example', '--admin-name', 'A']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--password-stdin'");
  });

  test('unknown option: exit 2', async () => {
    const r = await runCli(['status', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour'");
  });

  test('missing argument: exit 2', async () => {
    const r = await runCli(['create-tenant-db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'slug'");
  });

  test('a reader that stops early (| head) ends the command quietly, not with a crash', async () => {
    const r = await runCli(['--help'], { closeStdout: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('too many arguments: exit 2', async () => {
    const r = await runCli(['status', 'extra']);
    expect(r.code).toBe(2);
  });
});

describe.concurrent('data folder', { timeout: 60_000 }, () => {
  test('--data-dir wins over MEDADMIN_DATA_DIR', async () => {
    const flag = await dataFolder(path.join(scratch.dir, 'flag'));
    const env = await dataFolder(path.join(scratch.dir, 'env'));
    const r = await runCli(['status', '--json', '--data-dir', flag], { env: { MEDADMIN_DATA_DIR: env } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataDir).toBe(flag);
  });

  test('MEDADMIN_DATA_DIR is used when there is no flag', async () => {
    const env = await dataFolder(path.join(scratch.dir, 'env-only'));
    const r = await runCli(['status', '--json'], { env: { MEDADMIN_DATA_DIR: env } });
    expect(JSON.parse(r.stdout).dataDir).toBe(env);
  });

  test("without either, the app's own folder is used (Linux: $XDG_CONFIG_HOME/MedAdmin)", async () => {
    const config = path.join(scratch.dir, 'xdg');
    await dataFolder(path.join(config, 'MedAdmin'));
    const r = await runCli(['status', '--json'], { env: { XDG_CONFIG_HOME: config, HOME: scratch.dir } });
    expect(JSON.parse(r.stdout).dataDir).toBe(path.join(config, 'MedAdmin'));
  });

  test.each(['status', 'list-tenants', 'check', 'migrate-tenants'])(
    'a mistyped data folder is reported by %s, exit 1, and nothing is created there',
    async (command) => {
      const typo = path.join(scratch.dir, `typo-${command}`);
      const r = await runCli([command, '--data-dir', typo]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: There is no MedAdmin data folder there (it has no master database).\n');
      expect(existsSync(typo)).toBe(false);
    },
  );

  test('an unusable data folder is an internal error: one line, no path, no stack; details with --verbose', async () => {
    const broken = path.join(scratch.dir, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'master.sqlite3'), 'not a database at all, but long enough to have a header of sorts');
    const quiet = await runCli(['status', '--data-dir', broken]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
    expect(quiet.stderr).toMatch(/^error: internal error .*run again with --verbose for details\n$/);
    expect(quiet.stderr).not.toContain(broken);

    const verbose = await runCli(['status', '--data-dir', broken, '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(STACK_FRAME);
  });
});

describe.concurrent('master database', { timeout: 60_000 }, () => {
  test('a master database from a newer MedAdmin is refused with one clear line, exit 1', async () => {
    const f = await fixture();
    try {
      await f.close();
      addFutureMigration(path.join(f.dir, 'master.sqlite3'));
      const r = await runCli(['list-tenants', '--data-dir', f.dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: the master database was written by a newer version of MedAdmin; use that version.\n');
    } finally {
      f.cleanup();
    }
  });
});

describe.concurrent('the installed bin', { timeout: 60_000 }, () => {
  test('bin/medadmin.mjs runs from another folder and through a symlink, as npm installs it', async () => {
    const binDir = path.join(scratch.dir, 'node_modules', '.bin');
    mkdirSync(binDir, { recursive: true });
    const link = path.join(binDir, 'medadmin');
    symlinkSync(path.join(REPO_ROOT, 'bin/medadmin.mjs'), link);
    const data = await dataFolder(path.join(scratch.dir, 'bin-data'));
    const r = await runCli(['status', '--json', '--data-dir', data], { script: link, cwd: scratch.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataDir).toBe(data);
    const usage = await runCli(['nope'], { script: link, cwd: scratch.dir });
    expect(usage.code).toBe(2);
  });
});
