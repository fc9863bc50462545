import type { Command } from 'commander';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';
import { readPasswordFromStdin } from '../password-stdin';

interface Options extends CoreCliOptions, JsonOption {
  name: string;
  email: string;
  adminName: string;
  passwordStdin: true;
  slug?: string;
  plan?: string;
  timezone?: string;
  currency?: string;
}

/** registerClinic's field names as this command's options call them. */
const FIELD_LABELS: Record<string, string> = {
  name: '--name',
  contactEmail: '--email',
  'owner.email': '--email',
  'owner.fullName': '--admin-name',
  password: 'password',
  'owner.password': 'password',
  slug: '--slug',
  plan: '--plan',
  timezone: '--timezone',
  currency: '--currency',
};

export function registerClinicCommand(program: Command): void {
  const cmd = program
    .command('register-clinic')
    .description('register a clinic: its database file, owner account and trial subscription')
    .requiredOption('--name <name>', 'the clinic\'s name, e.g. "City Hospital"')
    .requiredOption('--email <email>', "contact email, also the owner's sign-in email")
    .requiredOption('--admin-name <name>', "the owner's full name")
    .requiredOption('--password-stdin', "read the owner's password from stdin (piped, or typed without echo)")
    .option('--slug <slug>', 'clinic code naming its database file (default: derived from the name)')
    .option('--plan <code>', 'basic, professional or enterprise (default: basic)')
    .option('--timezone <zone>', "IANA time zone, e.g. Europe/Berlin (default: this machine's)")
    .option('--currency <code>', 'ISO currency code (default: USD)');
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<Options>(async (options) => {
      const password = await readPasswordFromStdin();
      const { registerClinic } = await import('../../core/tenancy/register-clinic');
      const clinic = await withCore(options, 'create', (core) =>
        registerClinic(core, {
          name: options.name,
          contactEmail: options.email,
          slug: options.slug,
          plan: options.plan,
          timezone: options.timezone,
          currency: options.currency,
          owner: { email: options.email, fullName: options.adminName, password },
        }),
      );
      if (options.json) printJson({ id: clinic.id, slug: clinic.slug, dbName: clinic.dbName, dbPath: clinic.dbPath });
      else printLines([`Registered ${options.name.trim()}.`, `   Slug: ${clinic.slug}`, `   DB Name: ${clinic.dbName}`]);
    }, FIELD_LABELS),
  );
}
