import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ProgressEvent } from '../../preload/contract/events';
import type { FileDialogs } from '../../main/core/api/handler';
import { tenantMigrations } from '../../migrations/tenant';
import { asRole, registerViaApi, startApi, type Api, type SignedIn } from '../helpers/api';
import { STRONG_PASSWORD, tempDir } from '../helpers/temp-core';

/** The person's answers to the native dialogs main shows; null is "Cancel". */
function scriptedDialogs() {
  const answers: { save: string | null; open: string | null; folder: string | null } = { save: null, open: null, folder: null };
  const asked: string[] = [];
  const dialogs: FileDialogs = {
    chooseSaveFile: async (o) => (asked.push(`save:${o.defaultName}`), answers.save),
    chooseOpenFile: async () => (asked.push('open'), answers.open),
    chooseFolder: async () => (asked.push('folder'), answers.folder),
  };
  return { dialogs, answers, asked };
}

const apis: Api[] = [];
let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  for (const a of apis.splice(0)) await a.dispose();
  scratch?.cleanup();
  scratch = undefined;
});

async function setup(name = 'Channel Clinic') {
  const d = scriptedDialogs();
  const api = await startApi({ dialogs: d.dialogs });
  apis.push(api);
  scratch ??= tempDir('medadmin-channels-');
  const owner = await registerViaApi(api, name);
  return { api, owner, ...d };
}

const progress = (client: SignedIn, operation: ProgressEvent['operation']): ProgressEvent[] =>
  client.events().filter((e) => e.event === 'progress').map((e) => e.payload as ProgressEvent).filter((p) => p.operation === operation);

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the condition never held');
}

async function regionNames(client: SignedIn): Promise<string[]> {
  return (await client.ok('regions:list', { sort: 'name' })).items.map((r) => r.name);
}

describe('backup channels', () => {
  test('an owner backs up the clinic, sees progress, finds the backup in the list, and is told once its pages are checked', async () => {
    const { owner } = await setup();
    const result = await owner.ok('backup:run', {});
    if (result.cancelled) throw new Error('not cancelled');
    expect(result.backup).toMatchObject({ kind: 'clinic', trigger: 'manual', schema: tenantMigrations.at(-1)?.name });
    expect(result.backup.id).toMatch(/^clinic\//);
    const events = progress(owner, 'backup');
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ done: events.at(-1)?.total });
    expect(await owner.ok('backup:list', {})).toEqual([result.backup]);
    await until(() => progress(owner, 'backup').some((e) => e.label === 'Backup checked'));
    expect(await owner.ok('backup:list', {})).toEqual([result.backup]);
  });

  test('a folder chosen in the dialog receives the backup; cancelling does nothing', async () => {
    const { owner, answers, asked } = await setup();
    expect(await owner.ok('backup:run', { chooseFolder: true })).toEqual({ cancelled: true });
    answers.folder = scratch?.dir ?? null;
    const result = await owner.ok('backup:run', { chooseFolder: true });
    expect(result.cancelled).toBe(false);
    expect(asked).toEqual(['folder', 'folder']);
    expect(readdirSync(path.join(scratch?.dir ?? '', 'channel-clinic'))).toHaveLength(2);
    // the answer names no folder: where it went is the person's business, kept in main
    expect(JSON.stringify(result)).not.toContain(scratch?.dir);
  });

  test('who may do what: front desk nothing, manager backup and restore, only the owner archives', async () => {
    const { owner } = await setup();
    const desk = await asRole(owner, 'front_desk');
    for (const [channel, input] of [
      ['backup:run', {}],
      ['backup:list', {}],
      ['backup:status', {}],
      ['backup:export', {}],
      ['backup:restore', { source: { kind: 'file' } }],
      ['archive:clinic', { confirmSlug: 'channel-clinic' }],
    ] as const) {
      await desk.fail(channel, input as never, 'FORBIDDEN');
    }
    const manager = await asRole(owner, 'manager');
    expect((await manager.ok('backup:run', {})).cancelled).toBe(false);
    expect(await manager.ok('backup:setSchedule', { dailyAt: '03:30' })).toMatchObject({ dailyAt: '03:30' });
    await manager.fail('archive:clinic', { confirmSlug: 'channel-clinic' }, 'FORBIDDEN');
  });

  test('a backup id is never a path', async () => {
    const { owner } = await setup();
    for (const backupId of ['../../master', 'clinic/../../x', '/etc/passwd', 'clinic/2024-01-01T00-00-00-000Z/../x']) {
      await owner.fail('backup:restore', { source: { kind: 'backup', backupId } }, 'VALIDATION');
    }
    await owner.fail('backup:restore', { source: { kind: 'backup', backupId: 'clinic/2024-01-01T00-00-00-000Z' } }, 'NOT_FOUND');
  });

  test('restore from the list: answered at once, replaced once the call is over, audited, shown in the status', async () => {
    const { owner } = await setup();
    await owner.ok('regions:create', { name: 'Before', code: 'B' });
    const backup = await owner.ok('backup:run', {});
    if (backup.cancelled) throw new Error('not cancelled');
    await owner.ok('regions:create', { name: 'After', code: 'A' });

    const started = await owner.ok('backup:restore', { source: { kind: 'backup', backupId: backup.backup.id } });
    if (started.cancelled) throw new Error('not cancelled');
    await until(() => progress(owner, 'restore').some((p) => p.label === 'Restored' && p.runId === started.runId));

    expect(await regionNames(owner)).toEqual(['Before']);
    const status = await owner.ok('backup:status', {});
    expect(status.runs.find((r) => r.operation === 'restore')).toMatchObject({ status: 'ok', trigger: 'manual' });
    expect(status.runs.find((r) => r.trigger === 'safety')).toMatchObject({ operation: 'backup', status: 'ok' });
    const safety = (await owner.ok('backup:list', {})).filter((b) => b.trigger === 'safety');
    expect(safety).toHaveLength(1);
  });

  test('a refused file is answered with its reason and nothing changes', async () => {
    const { owner, answers } = await setup();
    await owner.ok('regions:create', { name: 'Kept', code: 'K' });
    const file = path.join(scratch?.dir ?? '', 'holiday-photo.jpg');
    writeFileSync(file, Buffer.alloc(5000, 1));
    answers.open = file;
    const error = await owner.fail('backup:restore', { source: { kind: 'file' } }, 'VALIDATION');
    expect(error.message).toBe('The file is neither a SQLite database nor a MedAdmin export.');
    expect(JSON.stringify(error)).not.toContain(scratch?.dir);
    expect(await regionNames(owner)).toEqual(['Kept']);
  });

  test('export to a file chosen in the save dialog, then import on another machine makes the importer its owner', async () => {
    const { owner, answers, asked } = await setup('Moving Clinic');
    await owner.ok('regions:create', { name: 'Travels', code: 'T' });
    answers.save = path.join(scratch?.dir ?? '', 'moving.medadmin');
    const exported = await owner.ok('backup:export', { passphrase: STRONG_PASSWORD });
    expect(exported).toMatchObject({ cancelled: false, fileName: 'moving.medadmin', encrypted: true });
    expect(asked[0]).toMatch(/^save:moving-clinic-\d{4}-\d{2}-\d{2}\.medadmin$/);

    const other = await setup('Other Place');
    other.answers.open = answers.save;
    await other.owner.fail('backup:import', {}, 'VALIDATION'); // encrypted: the passphrase is needed
    const imported = await other.owner.ok('backup:import', { passphrase: STRONG_PASSWORD });
    expect(imported).toMatchObject({ cancelled: false, slug: 'moving-clinic', name: 'Moving Clinic', replaced: false });
    const mine = await other.owner.ok('clinics:listMine', {});
    expect(mine.map((c) => [c.slug, c.role])).toContainEqual(['moving-clinic', 'owner']);
    await other.owner.ok('clinics:switch', { clinicId: mine.find((c) => c.slug === 'moving-clinic')?.id ?? '' });
    expect(await regionNames(other.owner)).toEqual(['Travels']);
  });

  test('import with replace needs the right to restore that clinic', async () => {
    const { owner, answers } = await setup('Replace Me');
    answers.save = path.join(scratch?.dir ?? '', 'replace-me.sqlite3');
    await owner.ok('backup:export', {});
    answers.open = answers.save;
    const desk = await asRole(owner, 'front_desk');
    await desk.fail('backup:import', { replace: true }, 'FORBIDDEN');
    await owner.fail('backup:import', {}, 'CONFLICT');
    expect(await owner.ok('backup:import', { replace: true })).toMatchObject({ replaced: true, safetyBackupId: expect.stringMatching(/^clinic\//) });
  });
});

describe('archive channels', () => {
  test('the owner archives the active clinic (typing its code), finds it in the archive list, and brings it back', async () => {
    const { api, owner } = await setup('Archived Clinic');
    await owner.ok('regions:create', { name: 'Kept', code: 'K' });
    await owner.fail('archive:clinic', { confirmSlug: 'wrong' }, 'VALIDATION');

    const archived = await owner.ok('archive:clinic', { confirmSlug: 'archived-clinic' });
    expect(archived).toMatchObject({ clinicId: owner.clinicId, slug: 'archived-clinic' });
    await until(() => !existsSync(path.join(api.core.layout.tenantsDir, 'tenant_archived_clinic.sqlite3')));
    await owner.fail('regions:list', {}, 'FORBIDDEN');
    expect(await owner.ok('clinics:listMine', {})).toEqual([]);
    expect((await owner.ok('archive:list', {})).map((c) => c.slug)).toEqual(['archived-clinic']);

    await owner.ok('archive:unarchive', { clinicId: owner.clinicId });
    expect((await owner.ok('clinics:listMine', {})).map((c) => c.slug)).toEqual(['archived-clinic']);
    expect(await regionNames(owner)).toEqual(['Kept']);
  });

  test('nobody else can see or bring back an archived clinic', async () => {
    const { owner } = await setup('Private Archive');
    const stranger = await setup('Stranger Clinic');
    await owner.ok('archive:clinic', { confirmSlug: 'private-archive' });
    expect(await stranger.owner.ok('archive:list', {})).toEqual([]);
    await stranger.owner.fail('archive:unarchive', { clinicId: owner.clinicId }, 'NOT_FOUND');
  });
});
