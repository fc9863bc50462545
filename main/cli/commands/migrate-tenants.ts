import type { Command } from 'commander';
import type { TenantMigrationResult } from '../../core/tenancy/migrate-all';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { note, printJson, printLines } from '../output';

interface Options extends CoreCliOptions, JsonOption {
  company?: string;
}

function progressLine(r: TenantMigrationResult, index: number, total: number): string {
  const outcome =
    r.result === 'applied'
      ? `applied ${r.applied.length} (${r.applied.join(', ')})`
      : r.result === 'up-to-date'
        ? 'up to date'
        : `FAILED: ${r.error ?? 'unknown error'}`;
  return `[${index + 1}/${total}] ${r.slug}: ${outcome}`;
}

function summary(results: TenantMigrationResult[]): string {
  const count = (kind: TenantMigrationResult['result']) => results.filter((r) => r.result === kind).length;
  const n = results.length;
  return `${n} clinic${n === 1 ? '' : 's'}: ${count('applied')} migrated, ${count('up-to-date')} up to date, ${count('failed')} failed.`;
}

export function migrateTenantsCommand(program: Command): void {
  const cmd = program
    .command('migrate-tenants')
    .description("bring every clinic's database (or one) up to this version's schema; continues past failures, exits 1 if any failed")
    .option('--company <slug>', 'migrate only this clinic');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      // progress is for the person watching; with --json stdout carries the results alone
      const progress = options.json ? note : (line: string) => printLines([line]);
      const { migrateAllTenants } = await import('../../core/tenancy/migrate-all');
      const { results, failed } = await withCore(options, 'change', (core) =>
        migrateAllTenants(core, { company: options.company, onResult: (r, i, total) => progress(progressLine(r, i, total)) }),
      );
      if (options.json) printJson(results);
      else printLines([summary(results)]);
      return failed ? EXIT.failure : EXIT.ok;
    }, { slug: '--company' }),
  );
}
