import type { Command } from 'commander';
import type { CheckReport } from '../../core/admin/check-data';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { printJson, printLines } from '../output';

function describe(report: CheckReport): string[] {
  const scope = `Checked master and ${report.clinics} clinic database${report.clinics === 1 ? '' : 's'}`;
  const n = report.problems.length;
  if (!n) return [`${scope}: no problems found.`];
  return [`${scope}: ${n} problem${n === 1 ? '' : 's'}.`, ...report.problems.map((p) => `   ${p.database}: ${p.message} (${p.kind})`)];
}

export function checkCommand(program: Command): void {
  const cmd = program
    .command('check')
    .description(
      'reconcile master with the clinic files (missing, orphaned, wrong identity) and run integrity and foreign-key checks on every database; exits 1 on any problem',
    );
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options) => {
      const { checkData } = await import('../../core/admin/check-data');
      const report = await withCore(options, 'inspect', checkData);
      if (options.json) printJson({ ok: report.problems.length === 0, ...report });
      else printLines(describe(report));
      return report.problems.length ? EXIT.failure : EXIT.ok;
    }),
  );
}
