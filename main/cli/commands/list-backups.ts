import path from 'node:path';
import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

interface Options extends CoreCliOptions, JsonOption {
  company?: string;
  dir?: string;
}

interface Listed {
  id: string;
  kind: 'clinic' | 'all';
  trigger: string;
  createdAt: string;
  clinics: string[];
  bytes: number;
  failed: string[];
  path: string;
}

export function listBackupsCommand(program: Command): void {
  const cmd = program
    .command('list-backups')
    .description('list finished backups, newest first: all of them, or those holding one clinic')
    .option('--company <slug>', 'only backups holding this clinic')
    .option('--dir <dir>', "a backups folder other than the data folder's backups/ (e.g. one given to backup --out)");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      const { listBackupSets, clinicBackups } = await import('../../core/backup/list-backups');
      const { findClinic } = await import('../../core/backup/clinic-record');
      const listed = await withCore(options, 'inspect', async (core): Promise<Listed[]> => {
        const root = options.dir ? path.resolve(options.dir) : core.layout.backupsDir;
        if (options.company === undefined) {
          return listBackupSets(root).map((s) => ({
            id: s.id,
            kind: s.kind,
            trigger: s.manifest.trigger,
            createdAt: s.manifest.createdAt,
            clinics: s.manifest.databases.flatMap((d) => (d.clinic ? [d.clinic.slug] : [])),
            bytes: s.manifest.databases.reduce((sum, d) => sum + d.bytes, 0),
            failed: s.manifest.failures.map((f) => f.slug),
            path: s.dir,
          }));
        }
        const clinic = await findClinic(core, { slug: options.company });
        return clinicBackups(root, clinic.id).map((b) => ({
          id: b.id,
          kind: b.kind,
          trigger: b.manifest.trigger,
          createdAt: b.manifest.createdAt,
          clinics: [clinic.slug],
          bytes: b.entry.bytes,
          failed: [],
          path: b.file,
        }));
      });
      if (options.json) printJson(listed);
      else if (!listed.length) printLines(['No backups.']);
      else {
        printLines(
          listed.map((b) => {
            const what = b.kind === 'all' ? `master + ${b.clinics.length} clinic${b.clinics.length === 1 ? '' : 's'}` : b.clinics.join(', ');
            const failed = b.failed.length ? `, FAILED: ${b.failed.join(', ')}` : '';
            return `${b.id}  ${b.trigger.padEnd(9)}  ${what}, ${b.bytes} bytes${failed}`;
          }),
        );
      }
    }, { slug: '--company' }),
  );
}
