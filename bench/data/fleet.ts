import type { Faker } from '@faker-js/faker';
import { randomUUID } from 'node:crypto';
import { constants, copyFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { Core } from '../../main/core/core';
import { openSqlite } from '../../main/core/db/sqlite';
import type { ClinicRow, MembershipRow, SubscriptionRow, UserRow } from '../../main/core/master/schema';
import { emailKey } from '../../main/core/master/users';
import { writeIdentity, type ClinicRef } from '../../main/core/tenancy/identity';
import { slugFromName, dbNameForSlug, tenantDbPath } from '../../main/core/tenancy/slug';

const KINDS = ['Family Clinic', 'Medical Centre', 'Health Practice', 'Dental Care', 'Physiotherapy', 'Paediatrics', 'Eye Clinic', 'Women’s Health'];
const PLANS = ['basic', 'professional', 'enterprise'];
const BATCH = 500;

/** A distinct, realistic clinic name and its slug; the number keeps slugs unique across a chain. */
export function clinicName(faker: Faker, n: number): { name: string; slug: string } {
  const name = `${faker.location.city()} ${faker.helpers.arrayElement(KINDS)} ${n}`;
  return { name, slug: `${slugFromName(name).slice(0, 40).replace(/-+$/, '')}-${n}` };
}

interface MasterRows {
  clinics: Insertable<ClinicRow>[];
  users: Insertable<UserRow>[];
  memberships: Insertable<MembershipRow>[];
  subscriptions: Insertable<SubscriptionRow>[];
}

/**
 * Adds `count` clinics to the data folder the quick way, with exactly what registration leaves:
 * the registered template's file copied and its identity stamp rewritten for the new clinic,
 * and the master rows (clinic, owner, owner membership, subscription). Building and migrating
 * ten thousand files through registerClinic would measure nothing new and take an hour.
 */
export async function cloneClinics(core: Core, template: ClinicRef & { dbPath: string }, count: number, faker: Faker, first = 1): Promise<ClinicRef[]> {
  await core.tenants.close(template.id);
  const { password_hash } = await core.master.selectFrom('users as u').innerJoin('memberships as m', 'm.user_id', 'u.id').select('u.password_hash').where('m.clinic_id', '=', template.id).executeTakeFirstOrThrow();
  const now = core.clock();
  const made: ClinicRef[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const rows: MasterRows = { clinics: [], users: [], memberships: [], subscriptions: [] };
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const { name, slug } = clinicName(faker, first + i);
      const id = randomUUID();
      const owner = randomUUID();
      const email = `owner@${slug}.example`;
      const created = faker.date.past({ years: 3, refDate: now }).toISOString();
      const paid = faker.number.int(9) < 8;
      const periodEnd = faker.date.soon({ days: 30, refDate: now }).toISOString();
      rows.clinics.push({ id, name, slug, db_name: dbNameForSlug(slug), contact_email: email, status: 'active', timezone: faker.location.timeZone(), currency: 'USD', provisioning_state: 'ready', created_at: created });
      rows.users.push({ id: owner, email, email_key: emailKey(email), full_name: faker.person.fullName(), password_hash, failed_signins: 0, locked_until: null, disabled: 0, created_at: created });
      rows.memberships.push({ user_id: owner, clinic_id: id, role: 'owner', created_at: created });
      rows.subscriptions.push({ id: randomUUID(), clinic_id: id, plan_code: faker.helpers.arrayElement(PLANS), status: paid ? 'active' : 'trial', started_at: created, trial_ends_at: paid ? null : periodEnd, current_period_end: periodEnd, updated_at: created });
      stampCopy(template.dbPath, tenantDbPath(core.layout.tenantsDir, slug), { id, slug }, now);
      made.push({ id, slug });
    }
    await core.master.transaction().execute(async (trx) => {
      await trx.insertInto('clinics').values(rows.clinics).execute();
      await trx.insertInto('users').values(rows.users).execute();
      await trx.insertInto('memberships').values(rows.memberships).execute();
      await trx.insertInto('subscriptions').values(rows.subscriptions).execute();
    });
  }
  return made;
}

/** A copy of a clinic's file, stamped as another clinic's (fsync skipped: this is set-up, not measured). */
function stampCopy(from: string, to: string, clinic: ClinicRef, now: Date): void {
  copyFileSync(from, to, constants.COPYFILE_EXCL);
  const db = openSqlite(to);
  try {
    db.pragma('synchronous = OFF');
    writeIdentity(db, clinic, now);
  } finally {
    db.close();
  }
}
