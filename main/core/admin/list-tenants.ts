import { lstatSync } from 'node:fs';
import { sql } from 'kysely';
import { daysRemaining } from '../master/subscription-state';
import type { Core } from '../core';
import type { ClinicStatus, SubscriptionStatus } from '../master/schema';
import { tenantDbPath } from '../tenancy/slug';
import { VerifiedFiles } from '../tenancy/verified-files';
import type { SchemaState } from './schema-state';
import { inspectTenant } from './tenant-inspection';

/** One clinic as `medadmin list-tenants` shows it (the reference design's list_tenants, and more). */
export interface TenantSummary {
  name: string;
  slug: string;
  dbName: string;
  email: string;
  status: ClinicStatus;
  users: number;
  /** Plan code; null only for a clinic without a subscription. */
  plan: string | null;
  subscriptionStatus: SubscriptionStatus | null;
  /** Whole days left in the trial, or in the paid period; 0 once it has passed. */
  daysRemaining: number | null;
  /** The database and its write-ahead log on disk; null when there is no file. */
  sizeBytes: number | null;
  schema: SchemaState;
}

export interface TenantListing extends TenantSummary {
  planName: string | null;
}

function sizeOnDisk(file: string): number | null {
  const main = lstatSync(file, { throwIfNoEntry: false });
  if (!main?.isFile()) return null;
  return main.size + (lstatSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
}

/**
 * Every registered clinic with its subscription and the state of its file. Files are opened
 * read-only one at a time and closed again, unless unchanged since last proven (see
 * verified-files.ts); nothing is migrated or written.
 */
export async function listTenants(core: Core): Promise<TenantListing[]> {
  const now = core.clock();
  const rows = await core.master
    .selectFrom('clinics as c')
    .leftJoin('subscriptions as s', 's.clinic_id', 'c.id')
    .leftJoin('plans as p', 'p.code', 's.plan_code')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.slug',
      'c.db_name',
      'c.contact_email',
      'c.status',
      'p.code as plan_code',
      'p.name as plan_name',
      's.status as subscription_status',
      's.trial_ends_at',
      's.current_period_end',
      eb
        .selectFrom('memberships as m')
        .whereRef('m.clinic_id', '=', 'c.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('users'),
    ])
    // a clinic still provisioning is a registration in progress, not yet a clinic
    .where('c.provisioning_state', '=', 'ready')
    .orderBy(sql`c.name collate nocase`)
    .orderBy('c.slug')
    .execute();

  const verified = VerifiedFiles.load(core.layout.root);
  const listing: TenantListing[] = [];
  for (const row of rows) {
    const { schema } = await inspectTenant(core.layout.tenantsDir, row, { verified });
    listing.push({
      name: row.name,
      slug: row.slug,
      dbName: row.db_name,
      email: row.contact_email,
      status: row.status,
      users: Number(row.users ?? 0),
      plan: row.plan_code,
      planName: row.plan_name,
      subscriptionStatus: row.subscription_status,
      // the app's own rule, so the CLI and the screen never disagree
      daysRemaining: row.subscription_status
        ? daysRemaining({ status: row.subscription_status, trial_ends_at: row.trial_ends_at, current_period_end: row.current_period_end }, now)
        : null,
      sizeBytes: sizeOnDisk(tenantDbPath(core.layout.tenantsDir, row.slug)),
      schema,
    });
  }
  verified.save();
  return listing;
}
