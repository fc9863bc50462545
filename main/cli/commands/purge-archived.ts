import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { note, printJson, printLines } from '../output';

export function purgeArchivedCommand(program: Command): void {
  const cmd = program
    .command('purge-archived')
    .description('delete, for good, every archived clinic whose retention period has ended (also done at every start); exits 1 if an archive step could not be finished');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options) => {
      const { recoverArchives } = await import('../../core/archive/recover-archives');
      const { archiveMaster } = await import('../../core/archive/schema');
      const since = new Date().toISOString();
      const { purged, unfinished } = await withCore(options, 'change', async (core) => {
        const { unfinished } = await recoverArchives(core);
        // opening the data folder already purged what had expired: the history says what went
        const rows = await archiveMaster(core.master).selectFrom('archive_events').select('slug').where('event', '=', 'purged').where('at', '>=', since).orderBy('slug').execute();
        return { purged: rows.map((r) => r.slug), unfinished };
      });
      if (unfinished.length) note(`error: ${unfinished.length} archive step(s) could not be finished: a clinic file is still in use. They are retried at the next start.`);
      if (options.json) printJson({ purged, unfinished: unfinished.length });
      else printLines([purged.length ? `Purged: ${purged.join(', ')}.` : 'Nothing to purge.']);
      return unfinished.length ? EXIT.failure : EXIT.ok;
    }),
  );
}
