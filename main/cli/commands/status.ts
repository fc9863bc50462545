import type { Command } from 'commander';
import type { DataStatus } from '../../core/admin/data-status';
import { describeSchemaState } from '../../core/admin/schema-state';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(s: DataStatus): string[] {
  const c = s.clinicSchemas;
  const pendingClinics = s.pendingMigrations.clinics.map((m) => `${m.name} (${plural(m.clinics, 'clinic')})`);
  return [
    `Data directory: ${s.dataDir}`,
    `Master database: ${describeSchemaState(s.master.schema)} (${plural(s.master.applied, 'migration')} applied)`,
    `Clinics: ${s.clinics} (${c.upToDate} up to date, ${c.pending} with pending migrations, ${c.missing} missing file, ${c.refused} refused)`,
    'Pending migrations:',
    `   master: ${s.pendingMigrations.master.join(', ') || 'none'}`,
    `   clinics: ${pendingClinics.join(', ') || 'none'}`,
  ];
}

export function statusCommand(program: Command): void {
  const cmd = program.command('status').description('data folder, schema state of master and clinics, pending migrations');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options) => {
      const { dataStatus } = await import('../../core/admin/data-status');
      const status = await withCore(options, 'inspect', dataStatus);
      if (options.json) printJson(status);
      else printLines(describe(status));
    }),
  );
}
