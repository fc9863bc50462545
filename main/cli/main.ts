import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { archiveCommand } from './commands/archive';
import { backupCommand } from './commands/backup';
import { checkCommand } from './commands/check';
import { createTenantDbCommand } from './commands/create-tenant-db';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { listBackupsCommand } from './commands/list-backups';
import { listTenantsCommand } from './commands/list-tenants';
import { migrateTenantsCommand } from './commands/migrate-tenants';
import { purgeArchivedCommand } from './commands/purge-archived';
import { registerClinicCommand } from './commands/register-clinic';
import { restoreCommand } from './commands/restore';
import { statusCommand } from './commands/status';
import { unarchiveCommand } from './commands/unarchive';
import { verifyBackupCommand } from './commands/verify-backup';
import { exitCodeForCommander } from './exit-codes';
import { reportError } from './report-error';

/** Each command adds itself to the program; a new command is one import and one entry here. */
const COMMANDS: ((program: Command) => void)[] = [
  registerClinicCommand,
  listTenantsCommand,
  migrateTenantsCommand,
  createTenantDbCommand,
  statusCommand,
  checkCommand,
  backupCommand,
  restoreCommand,
  exportCommand,
  importCommand,
  listBackupsCommand,
  verifyBackupCommand,
  archiveCommand,
  unarchiveCommand,
  purgeArchivedCommand,
];

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function buildProgram(): Command {
  const program = new Command('medadmin')
    .description('Manage a MedAdmin data folder: clinics, their databases and migrations.')
    .version(version)
    // set before the commands are added, which inherit both
    .exitOverride()
    .configureHelp({ sortSubcommands: false });
  for (const add of COMMANDS) add(program);
  program.addHelpText(
    'after',
    '\nExit codes: 0 success, 1 failure (including invalid values), 2 usage error.\nThe data folder is --data-dir, else $MEDADMIN_DATA_DIR, else the folder the app uses.',
  );
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = err instanceof CommanderError ? exitCodeForCommander(err) : reportError(err, { verbose: argv.includes('--verbose') });
  }
}

// `medadmin list-tenants | head` closes the pipe early: stop quietly, as other tools do
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

await main(process.argv);
