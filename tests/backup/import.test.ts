import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { exportClinic } from '../../main/core/backup/export-clinic';
import { importClinic } from '../../main/core/backup/import-clinic';
import { clinicBackups } from '../../main/core/backup/list-backups';
import { STRONG_PASSWORD, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';
import { addRegions, CLI_ACTOR, newClinic, regionNames } from './helpers';

const cores: TempCore[] = [];
let scratch: ReturnType<typeof tempDir>;
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
  scratch?.cleanup();
});

async function machine(): Promise<TempCore> {
  const c = await startTempCore();
  cores.push(c);
  return c;
}

describe('import', () => {
  test('moves a clinic to another machine: identity, records and profile arrive, the importer owns it', async () => {
    scratch = tempDir('medadmin-move-');
    const a = await machine();
    const clinic = await newClinic(a.core, 'Moving Clinic');
    await addRegions(a.core, clinic, 'travelled', 4);
    const file = path.join(scratch.dir, 'moving.medadmin');
    await exportClinic(a.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });

    const b = await machine();
    const home = await newClinic(b.core, 'Home Clinic');
    const seen: number[] = [];
    const result = await importClinic(b.core, file, {
      actor: { userId: home.ownerId, userName: 'Home Admin' },
      ownerId: home.ownerId,
      passphrase: STRONG_PASSWORD,
      onProgress: (p) => seen.push(p.done),
    });

    expect(result).toMatchObject({ clinicId: clinic.id, slug: 'moving-clinic', name: 'Moving Clinic', replaced: false });
    expect(seen.length).toBeGreaterThan(0);
    const row = await b.core.master.selectFrom('clinics').selectAll().where('id', '=', clinic.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slug: 'moving-clinic', name: 'Moving Clinic', timezone: 'Europe/Berlin', currency: 'EUR', status: 'active', provisioning_state: 'ready' });
    const membership = await b.core.master.selectFrom('memberships').selectAll().where('clinic_id', '=', clinic.id).execute();
    expect(membership.map((m) => [m.user_id, m.role])).toEqual([[home.ownerId, 'owner']]);
    expect(await b.core.master.selectFrom('subscriptions').select('status').where('clinic_id', '=', clinic.id).executeTakeFirst()).toEqual({ status: 'trial' });
    expect(await regionNames(b.core, clinic)).toEqual(['travelled 0', 'travelled 1', 'travelled 2', 'travelled 3']);
    const audit = await b.core.tenants.use(clinic, (h) => h.db.selectFrom('audit_log').select(['action', 'user_name']).where('action', '=', 'clinic.imported').execute());
    expect(audit).toEqual([{ action: 'clinic.imported', user_name: 'Home Admin' }]);
  });

  test('an existing clinic is refused unless replace is asked for; replace takes a safety backup first', async () => {
    scratch = tempDir('medadmin-replace-');
    const a = await machine();
    const clinic = await newClinic(a.core, 'Replace Clinic');
    await addRegions(a.core, clinic, 'old', 1);
    const file = path.join(scratch.dir, 'replace.sqlite3');
    await exportClinic(a.core, clinic.id, file, { actor: CLI_ACTOR });
    await addRegions(a.core, clinic, 'new', 2);
    const options = { actor: CLI_ACTOR, ownerId: clinic.ownerId };

    await expect(importClinic(a.core, file, options)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await regionNames(a.core, clinic)).toEqual(['new 0', 'new 1', 'old 0']);

    const result = await importClinic(a.core, file, { ...options, replace: true });

    expect(result).toMatchObject({ clinicId: clinic.id, replaced: true });
    expect(await regionNames(a.core, clinic)).toEqual(['old 0']);
    const safety = clinicBackups(a.core.layout.backupsDir, clinic.id).find((b) => b.id === result.backupId);
    expect(safety?.manifest.trigger).toBe('safety');
    expect(safety?.entry.rowCounts.regions).toBe(3);
    // memberships are master's and stay as they were
    const members = await a.core.master.selectFrom('memberships').select('user_id').where('clinic_id', '=', clinic.id).execute();
    expect(members).toEqual([{ user_id: clinic.ownerId }]);
  });

  test('a different clinic that uses the same code here is never replaced', async () => {
    scratch = tempDir('medadmin-same-code-');
    const a = await machine();
    const there = await newClinic(a.core, 'Same Name');
    const file = path.join(scratch.dir, 'same.sqlite3');
    await exportClinic(a.core, there.id, file, { actor: CLI_ACTOR });
    const b = await machine();
    const here = await newClinic(b.core, 'Same Name');
    await addRegions(b.core, here, 'mine', 1);
    await expect(importClinic(b.core, file, { actor: CLI_ACTOR, ownerId: here.ownerId, replace: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await regionNames(b.core, here)).toEqual(['mine 0']);
  });

  test('the file is checked as a restore checks it, and a refused file creates nothing', async () => {
    scratch = tempDir('medadmin-bad-import-');
    const b = await machine();
    const home = await newClinic(b.core, 'Home');
    const file = path.join(scratch.dir, 'not-a-clinic.sqlite3');
    writeFileSync(file, 'nothing to see');
    await expect(importClinic(b.core, file, { actor: CLI_ACTOR, ownerId: home.ownerId })).rejects.toMatchObject({ reason: 'not-sqlite' });
    expect(await b.core.master.selectFrom('clinics').select('slug').execute()).toEqual([{ slug: 'home' }]);
  });

  test('an encrypted file without its passphrase asks for it', async () => {
    scratch = tempDir('medadmin-pass-');
    const a = await machine();
    const clinic = await newClinic(a.core, 'Locked Clinic');
    const file = path.join(scratch.dir, 'locked.medadmin');
    await exportClinic(a.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });
    const b = await machine();
    const home = await newClinic(b.core, 'Home');
    await expect(importClinic(b.core, file, { actor: CLI_ACTOR, ownerId: home.ownerId })).rejects.toMatchObject({ code: 'VALIDATION', fields: { passphrase: expect.any(String) } });
  });
});
