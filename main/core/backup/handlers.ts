import { randomUUID } from 'node:crypto';
import type { BackupSummary } from '../../../preload/contract/channels/backup';
import { auditActor, clinicControl, clinicReader, clinicWriter, sessionHandler, type ClinicHandlerContext, type HandlerTable } from '../api/handler';
import { isAllowed } from '../auth/permissions';
import { AppError } from '../errors';
import { canWorkIn, loadStanding } from '../master/access';
import { backupStatus } from './backup-status';
import { exportClinic } from './export-clinic';
import { EXPORT_EXTENSION } from './export-format';
import { importClinic } from './import-clinic';
import { clinicBackups, type ClinicBackup } from './list-backups';
import { progressEvents } from './progress-events';
import { prepareRestore, type RestoreSource } from './restore-clinic';
import { updateSchedule } from './schedule';
import { backupClinic } from './take-backup';

const OPEN_EXTENSIONS = ['sqlite3', EXPORT_EXTENSION];

function summaryOf(backup: Pick<ClinicBackup, 'id' | 'kind' | 'manifest' | 'entry'>): BackupSummary {
  return {
    id: backup.id,
    kind: backup.kind,
    trigger: backup.manifest.trigger,
    createdAt: backup.manifest.createdAt,
    bytes: backup.entry.bytes,
    schema: backup.entry.schema.at(-1) ?? null,
    appVersion: backup.manifest.appVersion,
  };
}

/** The restore's source: a backup from the clinic's own list, or a file the person picks. */
async function restoreSource(ctx: ClinicHandlerContext, source: { kind: 'backup'; backupId: string } | { kind: 'file' }, passphrase?: string): Promise<RestoreSource | null> {
  if (source.kind === 'backup') return { backupId: source.backupId };
  const file = await ctx.dialogs.chooseOpenFile({ title: 'Choose the backup or export to restore', extensions: OPEN_EXTENSIONS });
  return file ? { file, passphrase } : null;
}

export const backupHandlers = {
  'backup:run': clinicReader('backup:run', async (ctx, input) => {
    const root = input.chooseFolder ? await ctx.dialogs.chooseFolder({ title: 'Choose a folder for the backup' }) : undefined;
    if (root === null) return { cancelled: true };
    const onProgress = progressEvents(ctx, 'backup', randomUUID());
    // the person gets the backup as soon as it is written; its pages are checked right after
    const result = await backupClinic(ctx.core, ctx.clinic.id, { trigger: 'manual', ...(root && { root }), onProgress, pageCheck: 'background' });
    void result.pageCheck.then((check) => {
      if (check !== 'not-checked') onProgress({ done: 1, total: 1, label: check === 'passed' ? 'Backup checked' : 'Backup check found damage' });
    });
    const entry = result.manifest.databases[0];
    if (!entry) throw new Error('a clinic backup holds one database');
    return { cancelled: false, backup: summaryOf({ id: result.id, kind: result.kind, manifest: result.manifest, entry }) };
  }),

  'backup:list': clinicReader('backup:run', async (ctx) => clinicBackups(ctx.core.layout.backupsDir, ctx.clinic.id).map(summaryOf)),

  'backup:status': clinicReader('backup:run', async (ctx) => backupStatus(ctx.core, ctx.clinic.id)),

  // one schedule for every clinic on this machine; a safeguard, so it can be changed while read-only
  'backup:setSchedule': clinicControl('settings:manage', async (ctx, input) => updateSchedule(ctx.core, input)),

  'backup:restore': clinicWriter('backup:restore', async (ctx, input) => {
    const source = await restoreSource(ctx, input.source, input.passphrase);
    if (!source) return { cancelled: true };
    const runId = randomUUID();
    const onProgress = progressEvents(ctx, 'restore', runId);
    const prepared = await prepareRestore(ctx.core, ctx.clinic.id, source, { actor: auditActor(ctx.session), onProgress });
    // This call holds the clinic's database open until it returns, and the swap waits for every
    // holder: so the swap runs on after the answer. Its outcome is recorded for backup:status.
    void prepared.commit().then(
      () => onProgress({ done: 1, total: 1, label: 'Restored' }),
      () => onProgress({ done: 1, total: 1, label: 'Restore failed' }),
    );
    return { cancelled: false, runId, migrated: prepared.migrated };
  }),

  'backup:export': clinicReader('clinic:export', async (ctx, input) => {
    const extension = input.passphrase ? EXPORT_EXTENSION : 'sqlite3';
    const day = ctx.core.clock().toISOString().slice(0, 10);
    const dest = await ctx.dialogs.chooseSaveFile({ title: 'Export the clinic', defaultName: `${ctx.clinic.slug}-${day}.${extension}`, extensions: [extension] });
    if (!dest) return { cancelled: true };
    const result = await exportClinic(ctx.core, ctx.clinic.id, dest, {
      actor: auditActor(ctx.session),
      passphrase: input.passphrase,
      // the save dialog has already asked before overwriting
      overwrite: true,
      onProgress: progressEvents(ctx, 'export', randomUUID()),
    });
    return { cancelled: false, ...result };
  }),

  'backup:import': sessionHandler(async (ctx, input) => {
    const file = await ctx.dialogs.chooseOpenFile({ title: 'Choose the clinic file to import', extensions: OPEN_EXTENSIONS });
    if (!file) return { cancelled: true };
    const { session, core } = ctx;
    const result = await importClinic(core, file, {
      actor: auditActor(session),
      ownerId: session.userId,
      passphrase: input.passphrase,
      replace: input.replace,
      // replacing a clinic's records is for those who may restore it
      authorizeReplace: async (clinic) => {
        const standing = await loadStanding(core.master, session.userId, clinic.id);
        if (!standing || !canWorkIn(standing) || !isAllowed(standing.role, 'backup:restore')) {
          throw new AppError('FORBIDDEN', 'This clinic is already registered here, and you may not replace its records.');
        }
      },
      onProgress: progressEvents(ctx, 'import', randomUUID()),
    });
    return { cancelled: false, clinicId: result.clinicId, slug: result.slug, name: result.name, replaced: result.replaced, safetyBackupId: result.backupId };
  }),
} satisfies Partial<HandlerTable>;
