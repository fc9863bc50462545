import path from 'node:path';
import type { Command } from 'commander';
import type { BackupResult } from '../../core/backup/take-backup';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { printJson, printLines } from '../output';
import { withProgress } from '../progress-bar';

interface Options extends CoreCliOptions, JsonOption {
  company?: string;
  out?: string;
}

function describe(result: BackupResult): string[] {
  const { manifest } = result;
  const lines = [`Backup ${result.id} written to ${result.dir}`];
  for (const db of manifest.databases) lines.push(`   ${db.clinic?.slug ?? 'master'}: ${db.file}, ${db.bytes} bytes, sha256 ${db.sha256}`);
  for (const f of manifest.failures) lines.push(`   ${f.slug}: FAILED: ${f.message}`);
  return lines;
}

export function backupCommand(program: Command): void {
  const cmd = program
    .command('backup')
    .description('back up one clinic, or master and every clinic, while they stay in use; each backup is verified and described by a manifest; exits 1 if any clinic could not be copied')
    .option('--company <slug>', 'back up only this clinic')
    .option('--out <dir>', "write under this folder instead of the data folder's backups/");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      const { backupClinic, backupEverything } = await import('../../core/backup/take-backup');
      const { findClinic } = await import('../../core/backup/clinic-record');
      const root = options.out && path.resolve(options.out);
      const result = await withCore(options, 'change', (core) =>
        withProgress(async (onProgress) => {
          const common = { trigger: 'manual' as const, onProgress, ...(root && { root }) };
          if (options.company === undefined) return backupEverything(core, common);
          const clinic = await findClinic(core, { slug: options.company });
          return backupClinic(core, clinic.id, common);
        }),
      );
      if (options.json) printJson({ id: result.id, dir: result.dir, ...result.manifest });
      else printLines(describe(result));
      return result.manifest.failures.length ? EXIT.failure : EXIT.ok;
    }, { slug: '--company' }),
  );
}
