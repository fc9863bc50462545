import path from 'node:path';
import type { Command } from 'commander';
import { cliAction } from '../action';
import { cliActor } from '../cli-actor';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { EXIT } from '../exit-codes';
import { note, printJson, printLines } from '../output';
import { readPasswordFromStdin } from '../password-stdin';
import { withProgress } from '../progress-bar';

interface Options extends CoreCliOptions, JsonOption {
  company: string;
  out: string;
  encrypt?: boolean;
  passphraseStdin?: boolean;
}

export function exportCommand(program: Command): void {
  const cmd = program
    .command('export')
    .description("write a clinic's whole database to one portable file (a SQLite database, or encrypted with a passphrase) that import can bring in on another machine")
    .requiredOption('--company <slug>', 'the clinic to export')
    .requiredOption('--out <file>', 'the file to write (never overwritten)')
    .option('--encrypt', 'encrypt with a passphrase (AES-256-GCM, key from scrypt); needs --passphrase-stdin')
    .option('--passphrase-stdin', 'read the passphrase from stdin (piped, or typed without echo)');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      if (options.encrypt !== options.passphraseStdin) {
        note('error: --encrypt and --passphrase-stdin go together.');
        return EXIT.usage;
      }
      const { exportClinic } = await import('../../core/backup/export-clinic');
      const { findClinic } = await import('../../core/backup/clinic-record');
      const passphrase = options.encrypt ? await readPasswordFromStdin() : undefined;
      const out = path.resolve(options.out);
      const result = await withCore(options, 'change', async (core) => {
        const clinic = await findClinic(core, { slug: options.company });
        return withProgress((onProgress) => exportClinic(core, clinic.id, out, { actor: cliActor(), passphrase, onProgress }));
      });
      if (options.json) printJson({ file: out, bytes: result.bytes, encrypted: result.encrypted });
      else printLines([`Exported ${options.company} to ${out} (${result.bytes} bytes${result.encrypted ? ', encrypted' : ''}).`]);
      return EXIT.ok;
    }, { slug: '--company', out: '--out', passphrase: 'passphrase' }),
  );
}
