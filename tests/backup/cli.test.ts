import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { archiveMaster } from '../../main/core/archive/schema';
import { startCore } from '../../main/core/core';
import { fixture, runCli, STACK_FRAME, type Fixture } from '../cli/harness';
import { STRONG_PASSWORD, TEST_SCRYPT, tempDir } from '../helpers/temp-core';
import { addRegions, flipByte, regionNames } from './helpers';

let f: Fixture | undefined;
let g: Fixture | undefined;
let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  for (const x of [f, g]) {
    await x?.close();
    x?.cleanup();
  }
  f = g = undefined;
  scratch?.cleanup();
  scratch = undefined;
});

const cli = (fx: Fixture, args: string[], input?: string) => runCli([...args, '--data-dir', fx.dir], { input });

async function regionsOf(fx: Fixture, clinic: { id: string; slug: string }): Promise<string[]> {
  const core = await startCore({ dataDir: fx.dir, scrypt: TEST_SCRYPT });
  try {
    return await regionNames(core, clinic);
  } finally {
    await core.close();
  }
}

describe('medadmin backup, list-backups, verify-backup', () => {
  test('backs up everything or one clinic, lists the backups and verifies them', async () => {
    f = await fixture();
    scratch = tempDir('medadmin-cli-out-');
    const clinic = await f.register('City Hospital');
    await f.register('Town Clinic');
    await f.close();

    const all = await cli(f, ['backup', '--json']);
    expect(all.code).toBe(0);
    const everything = JSON.parse(all.stdout) as { id: string; dir: string; databases: { clinic: { slug: string } | null }[] };
    expect(everything.id).toMatch(/^all\//);
    expect(everything.databases.map((d) => d.clinic?.slug ?? 'master')).toEqual(['master', 'city-hospital', 'town-clinic']);

    const one = await cli(f, ['backup', '--company', 'city-hospital', '--out', scratch.dir]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Backup clinic/');
    const written = readdirSync(path.join(scratch.dir, 'city-hospital'));
    expect(written).toHaveLength(2);

    const listed = await cli(f, ['list-backups', '--company', 'city-hospital', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((b) => b.id)).toEqual([everything.id]);
    const elsewhere = JSON.parse((await cli(f, ['list-backups', '--dir', scratch.dir, '--json'])).stdout) as { id: string; path: string }[];
    expect(elsewhere).toHaveLength(1);

    const verified = await cli(f, ['verify-backup', everything.dir]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Backup verified');

    const file = path.join(scratch.dir, 'city-hospital', written.find((n) => n.endsWith('.sqlite3')) ?? '');
    flipByte(file, -200);
    const failed = await cli(f, ['verify-backup', file, '--json']);
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { ok: boolean; databases: { checks: { name: string; ok: boolean }[] }[] };
    expect(report.ok).toBe(false);
    expect(report.databases[0]?.checks.find((c) => c.name === 'checksum')?.ok).toBe(false);
    expect(clinic.slug).toBe('city-hospital');
  });

  test('an unknown clinic is an error on one line, exit 1', async () => {
    f = await fixture();
    await f.close();
    const result = await cli(f, ['backup', '--company', 'nowhere']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No clinic has that code');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('medadmin restore', () => {
  test('restores from a backup id or a file, and refuses a bad file with its reason', async () => {
    f = await fixture();
    scratch = tempDir('medadmin-cli-restore-');
    const clinic = await f.register('City Hospital');
    await addRegions(f.core, clinic, 'backed-up', 1);
    await f.close();
    const backup = JSON.parse((await cli(f, ['backup', '--company', 'city-hospital', '--json'])).stdout) as { id: string; dir: string };
    const core = await startCore({ dataDir: f.dir, scrypt: TEST_SCRYPT });
    await addRegions(core, clinic, 'later', 1);
    await core.close();

    const byId = await cli(f, ['restore', '--company', 'city-hospital', '--from', backup.id, '--json']);
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ restored: 'city-hospital', safetyBackup: expect.stringMatching(/^clinic\//) });
    expect(await regionsOf(f, clinic)).toEqual(['backed-up 0']);

    const bad = path.join(scratch.dir, 'notes.txt');
    writeFileSync(bad, 'not a backup at all'.repeat(100));
    const refused = await cli(f, ['restore', '--company', 'city-hospital', '--from', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The file is neither a SQLite database nor a MedAdmin export.');
    expect(refused.stderr).not.toMatch(STACK_FRAME);
    expect(await regionsOf(f, clinic)).toEqual(['backed-up 0']);
  });
});

describe('medadmin export and import', () => {
  test('an encrypted export moves a clinic to another data folder', async () => {
    f = await fixture();
    g = await fixture();
    scratch = tempDir('medadmin-cli-move-');
    const clinic = await f.register('Moving Clinic');
    await addRegions(f.core, clinic, 'moved', 2);
    await f.close();
    await g.register('Home Clinic', { owner: { email: 'me@home.example', fullName: 'Me', password: STRONG_PASSWORD } });
    await g.close();
    const file = path.join(scratch.dir, 'moving.medadmin');

    expect((await cli(f, ['export', '--company', 'moving-clinic', '--out', file, '--encrypt'])).code).toBe(2);
    const exported = await cli(f, ['export', '--company', 'moving-clinic', '--out', file, '--encrypt', '--passphrase-stdin'], `${STRONG_PASSWORD}\n`);
    expect(exported.code).toBe(0);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('MEDADMIN-EXPORT1');
    expect((await cli(f, ['export', '--company', 'moving-clinic', '--out', file])).code).toBe(1); // never overwrites

    const wrong = await cli(g, ['import', '--from', file, '--owner-email', 'me@home.example', '--passphrase-stdin'], 'a wrong passphrase here\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The passphrase does not open this file.');
    const imported = await cli(g, ['import', '--from', file, '--owner-email', 'me@home.example', '--passphrase-stdin', '--json'], `${STRONG_PASSWORD}\n`);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ clinicId: clinic.id, slug: 'moving-clinic', replaced: false });
    expect(await regionsOf(g, clinic)).toEqual(['moved 0', 'moved 1']);

    const again = await cli(g, ['import', '--from', file, '--owner-email', 'me@home.example', '--passphrase-stdin'], `${STRONG_PASSWORD}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already registered');
    const replaced = await cli(g, ['import', '--from', file, '--owner-email', 'me@home.example', '--passphrase-stdin', '--replace'], `${STRONG_PASSWORD}\n`);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Safety backup');
  });

  test('the owner must be an existing user', async () => {
    f = await fixture();
    scratch = tempDir('medadmin-cli-owner-');
    await f.register('Some Clinic');
    await f.close();
    const file = path.join(scratch.dir, 'some.sqlite3');
    expect((await cli(f, ['export', '--company', 'some-clinic', '--out', file])).code).toBe(0);
    const result = await cli(f, ['import', '--from', file, '--owner-email', 'nobody@example.com']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No user has that email here');
  });
});

describe('medadmin archive, unarchive, purge-archived', () => {
  test('archive moves the file, unarchive brings it back, purge-archived removes what expired', async () => {
    f = await fixture();
    const clinic = await f.register('Old Clinic');
    await f.close();

    const archived = await cli(f, ['archive', 'old-clinic', '--json']);
    expect(archived.code).toBe(0);
    expect(JSON.parse(archived.stdout)).toMatchObject({ slug: 'old-clinic', purgeAfter: expect.any(String) });
    expect(existsSync(clinic.dbPath)).toBe(false);
    expect((await cli(f, ['unarchive', 'old-clinic'])).code).toBe(0);
    expect(existsSync(clinic.dbPath)).toBe(true);

    expect((await cli(f, ['archive', 'old-clinic'])).code).toBe(0);
    expect((await cli(f, ['purge-archived'])).stdout).toContain('Nothing to purge.');
    // the retention period runs out
    const core = await startCore({ dataDir: f.dir, scrypt: TEST_SCRYPT });
    await archiveMaster(core.master).updateTable('clinic_archives').set({ purge_after: '2000-01-01T00:00:00.000Z' }).execute();
    await core.close();
    const purged = await cli(f, ['purge-archived', '--json']);
    expect(purged.code).toBe(0);
    expect(JSON.parse(purged.stdout)).toEqual({ purged: ['old-clinic'], unfinished: 0 });
    expect((await cli(f, ['unarchive', 'old-clinic'])).code).toBe(1);
  });

  test('every command explains itself', async () => {
    for (const command of ['backup', 'restore', 'export', 'import', 'list-backups', 'verify-backup', 'archive', 'unarchive', 'purge-archived']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: medadmin ${command}`);
    }
  });
});
