import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

export function unarchiveCommand(program: Command): void {
  const cmd = program
    .command('unarchive')
    .description('bring an archived clinic back, as it was, while its retention period lasts')
    .argument('<slug>', "the clinic's code");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options, [slug]) => {
      const { unarchiveClinic } = await import('../../core/archive/archive-clinic');
      const { findClinic } = await import('../../core/backup/clinic-record');
      await withCore(options, 'change', async (core) => unarchiveClinic(core, (await findClinic(core, { slug: slug ?? '' })).id, null));
      if (options.json) printJson({ unarchived: slug });
      else printLines([`Unarchived ${slug}.`]);
    }, { slug: 'SLUG' }),
  );
}
