import path from 'node:path';
import type { Command } from 'commander';
import { cliAction } from '../action';
import { cliActor } from '../cli-actor';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';
import { readPasswordFromStdin } from '../password-stdin';
import { withProgress } from '../progress-bar';

interface Options extends CoreCliOptions, JsonOption {
  from: string;
  ownerEmail: string;
  passphraseStdin?: boolean;
  replace?: boolean;
  plan?: string;
}

export function importCommand(program: Command): void {
  const cmd = program
    .command('import')
    .description(
      'bring in a clinic file (an export or a backup) as a clinic of this data folder, under the identity stamped in it; checked as restore checks a file',
    )
    .requiredOption('--from <file>', 'the export or backup file')
    .requiredOption('--owner-email <email>', 'an existing user here who becomes the new clinic’s owner')
    .option('--passphrase-stdin', "read an encrypted export's passphrase from stdin")
    .option('--replace', 'if the clinic is already registered here, replace its records (a safety backup is taken first)')
    .option('--plan <code>', 'plan of the trial subscription a new clinic starts on (default: basic)');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      const { importClinic } = await import('../../core/backup/import-clinic');
      const { findUserByEmail } = await import('../../core/auth/sign-in');
      const { AppError } = await import('../../core/errors');
      const passphrase = options.passphraseStdin ? await readPasswordFromStdin() : undefined;
      const result = await withCore(options, 'change', async (core) => {
        const owner = await findUserByEmail(core, options.ownerEmail);
        if (!owner) {
          throw new AppError('NOT_FOUND', 'No user has that email here. Create the account first (register-clinic, or the app).', {
            owner: 'Unknown user.',
          });
        }
        return withProgress((onProgress) =>
          importClinic(core, path.resolve(options.from), {
            actor: cliActor(),
            ownerId: owner.id,
            passphrase,
            replace: options.replace ?? false,
            ...(options.plan && { plan: options.plan }),
            onProgress,
          }),
        );
      });
      if (options.json) printJson(result);
      else {
        printLines([
          `${result.replaced ? 'Replaced the records of' : 'Imported'} ${result.name} (${result.slug}).`,
          ...(result.backupId ? [`   Safety backup of the replaced database: ${result.backupId}`] : []),
          ...(result.migrated.length ? [`   Migrated from an older version: ${result.migrated.join(', ')}`] : []),
        ]);
      }
    }, { owner: '--owner-email', file: '--from', plan: '--plan', passphrase: 'passphrase' }),
  );
}
