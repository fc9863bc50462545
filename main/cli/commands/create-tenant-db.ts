import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

export function createTenantDbCommand(program: Command): void {
  const cmd = program
    .command('create-tenant-db')
    .description('create the missing database file of a registered clinic; never overwrites an existing file')
    .argument('<slug>', "the clinic's code, e.g. city-hospital");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options, [slug]) => {
      const { createTenantDb } = await import('../../core/tenancy/create-tenant-db');
      const created = await withCore(options, 'change', (core) => createTenantDb(core, slug ?? ''));
      if (options.json) printJson({ id: created.id, slug: created.slug, dbName: created.dbName, dbPath: created.dbPath });
      else printLines([`Created database ${created.dbName} for clinic ${created.slug}.`]);
    }, { slug: 'SLUG' }),
  );
}
