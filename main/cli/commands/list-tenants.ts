import type { Command } from 'commander';
import type { TenantListing, TenantSummary } from '../../core/admin/list-tenants';
import { describeSchemaState } from '../../core/admin/schema-state';
import { cliAction } from '../action';
import { withCore, withCoreOptions, withJsonOption, type CoreCliOptions, type JsonOption } from '../core-options';
import { printJson, printLines } from '../output';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The JSON keys are a published shape: exactly these, in this order. */
function toJson(t: TenantListing): TenantSummary {
  return {
    name: t.name,
    slug: t.slug,
    dbName: t.dbName,
    email: t.email,
    status: t.status,
    users: t.users,
    plan: t.plan,
    subscriptionStatus: t.subscriptionStatus,
    daysRemaining: t.daysRemaining,
    sizeBytes: t.sizeBytes,
    schema: t.schema,
  };
}

/** The reference design's list_tenants layout, with the file's size and schema state added. */
function describe(t: TenantListing, index: number): string[] {
  const subscription = t.subscriptionStatus ? `${t.planName ?? t.plan} (${t.subscriptionStatus})` : 'none';
  return [
    `${index + 1}. ${t.name}`,
    `   Slug: ${t.slug}`,
    `   DB Name: ${t.dbName}`,
    `   Email: ${t.email}`,
    `   Status: ${capitalised(t.status)}`,
    `   Users: ${t.users}`,
    `   Subscription: ${subscription}`,
    `   Days remaining: ${t.daysRemaining ?? '-'}`,
    `   Size: ${t.sizeBytes === null ? '-' : formatBytes(t.sizeBytes)}`,
    `   Schema: ${describeSchemaState(t.schema)}`,
  ];
}

export function listTenantsCommand(program: Command): void {
  const cmd = program
    .command('list-tenants')
    .description("list every clinic with its subscription, database size and schema state (reads only; migrates nothing)");
  withJsonOption(withCoreOptions(cmd)).action(
    cliAction<CoreCliOptions & JsonOption>(async (options) => {
      const { listTenants } = await import('../../core/admin/list-tenants');
      const tenants = await withCore(options, 'inspect', listTenants);
      if (options.json) return printJson(tenants.map(toJson));
      if (!tenants.length) return printLines(['No clinics registered.']);
      const header = `Found ${tenants.length} ${tenants.length === 1 ? 'clinic' : 'clinics'}:`;
      printLines([header, ...tenants.flatMap((t, i) => ['', ...describe(t, i)])]);
    }),
  );
}
