import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

export function archiveCommand(program: Command): void {
  const cmd = program
    .command('archive')
    .description("archive a clinic: nobody can sign in to it, its database moves to archive/; it can be brought back (unarchive) until its retention period ends")
    .argument('<slug>', "the clinic's code");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options, [slug]) => {
      const { archiveClinic } = await import('../../core/archive/archive-clinic');
      const { findClinic } = await import('../../core/backup/clinic-record');
      const archived = await withCore(options, 'change', async (core) => archiveClinic(core, (await findClinic(core, { slug: slug ?? '' })).id, null));
      if (options.json) printJson(archived);
      else printLines([`Archived ${archived.slug}. It can be brought back until ${archived.purgeAfter}; after that it is purged.`]);
    }, { slug: 'SLUG' }),
  );
}
