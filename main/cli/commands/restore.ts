import path from 'node:path';
import type { Command } from 'commander';
import { BACKUP_ID_PATTERN } from '../../../preload/contract/channels/backup';
import { cliAction } from '../action';
import { cliActor } from '../cli-actor';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { note, printJson, printLines } from '../output';
import { readPasswordFromStdin } from '../password-stdin';
import { withProgress } from '../progress-bar';

interface Options extends CoreCliOptions, JsonOption {
  company: string;
  from: string;
  passphraseStdin?: boolean;
}

export function restoreCommand(program: Command): void {
  const cmd = program
    .command('restore')
    .description(
      "replace a clinic's database with a backup or export, after checking it (SQLite, intact, this clinic's, not newer) and taking a safety backup of the current one",
    )
    .requiredOption('--company <slug>', 'the clinic to restore')
    .requiredOption('--from <file-or-id>', 'a backup or export file, or a backup id from list-backups (e.g. clinic/2024-05-01T02-00-00-000Z)')
    .option('--passphrase-stdin', "read an encrypted export's passphrase from stdin");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      const { restoreClinic } = await import('../../core/backup/restore-clinic');
      const { findClinic } = await import('../../core/backup/clinic-record');
      const passphrase = options.passphraseStdin ? await readPasswordFromStdin() : undefined;
      const source = BACKUP_ID_PATTERN.test(options.from) ? { backupId: options.from } : { file: path.resolve(options.from), passphrase };
      const result = await withCore(options, 'change', async (core) => {
        const clinic = await findClinic(core, { slug: options.company });
        return withProgress((onProgress) => restoreClinic(core, clinic.id, source, { actor: cliActor(), onProgress }));
      });
      if (result.keptDamagedCopy) note('The replaced database could not be read; its file was kept in the backups folder.');
      if (options.json) printJson({ restored: options.company, safetyBackup: result.backupId, keptDamagedCopy: result.keptDamagedCopy, migrated: result.migrated });
      else {
        printLines([
          `Restored ${options.company}.`,
          ...(result.backupId ? [`   Safety backup of the replaced database: ${result.backupId}`] : []),
          ...(result.migrated.length ? [`   Migrated from an older version: ${result.migrated.join(', ')}`] : []),
        ]);
      }
    }, { slug: '--company', file: '--from', backupId: '--from' }),
  );
}
