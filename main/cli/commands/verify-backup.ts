import path from 'node:path';
import type { Command } from 'commander';
import type { VerifyReport } from '../../core/backup/verify-backup';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { printJson, printLines } from '../output';
import { readPasswordFromStdin } from '../password-stdin';

interface Options extends CoreCliOptions, JsonOption {
  passphraseStdin?: boolean;
}

function describe(report: VerifyReport): string[] {
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  const lines = [`${report.ok ? 'Backup verified' : 'Backup FAILED verification'} (${report.kind}${report.createdAt ? `, made ${report.createdAt}` : ''}).`];
  for (const c of report.checks) lines.push(`   ${mark(c.ok)} ${c.name}: ${c.detail}`);
  for (const db of report.databases) {
    lines.push(`   ${db.slug ?? db.file}:`);
    for (const c of db.checks) lines.push(`      ${mark(c.ok)} ${c.name}: ${c.detail}`);
  }
  return lines;
}

export function verifyBackupCommand(program: Command): void {
  const cmd = program
    .command('verify-backup')
    .description('check a backup as restore would, without restoring it: checksum, integrity, identity, schema and row counts; exits 1 when any check fails')
    .argument('<file>', 'a backup file or manifest, a backup-of-everything folder, or an export')
    .option('--passphrase-stdin', "read an encrypted export's passphrase from stdin, to check its contents");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options, [file]) => {
      const { verifyBackup } = await import('../../core/backup/verify-backup');
      const passphrase = options.passphraseStdin ? await readPasswordFromStdin() : undefined;
      const report = await withCore(options, 'inspect', (core) => verifyBackup(core, path.resolve(file ?? ''), { passphrase }));
      if (options.json) printJson(report);
      else printLines(describe(report));
      return report.ok ? EXIT.ok : EXIT.failure;
    }),
  );
}
