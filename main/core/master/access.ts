import type { Kysely, Selectable } from 'kysely';
import type { ClinicMembership } from '../../../preload/contract/channels/session';
import type { ClinicRow, MasterDB, PlanRow, Role, SubscriptionRow } from './schema';

/** A person's standing in one clinic, read fresh from master on every clinic call. */
export interface MembershipStanding {
  clinic: Selectable<ClinicRow>;
  role: Role;
  membershipDisabled: boolean;
  userDisabled: boolean;
}

/** May this person work in this clinic right now? */
export const canWorkIn = (m: MembershipStanding): boolean =>
  !m.membershipDisabled && !m.userDisabled && m.clinic.status === 'active' && m.clinic.provisioning_state === 'ready';

export async function loadStanding(master: Kysely<MasterDB>, userId: string, clinicId: string): Promise<MembershipStanding | undefined> {
  const row = await master
    .selectFrom('memberships as m')
    .innerJoin('clinics as c', 'c.id', 'm.clinic_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('c')
    .select(['m.role', 'm.disabled as membership_disabled', 'u.disabled as user_disabled'])
    .where('m.user_id', '=', userId)
    .where('m.clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { role, membership_disabled, user_disabled, ...clinic } = row;
  return { clinic, role, membershipDisabled: membership_disabled === 1, userDisabled: user_disabled === 1 };
}

/** The clinics a person may enter, by name: active, fully registered, membership not disabled. */
export async function listWorkableClinics(master: Kysely<MasterDB>, userId: string): Promise<ClinicMembership[]> {
  return master
    .selectFrom('memberships as m')
    .innerJoin('clinics as c', 'c.id', 'm.clinic_id')
    .select(['c.id', 'c.name', 'c.slug', 'm.role'])
    .where('m.user_id', '=', userId)
    .where('m.disabled', '=', 0)
    .where('c.status', '=', 'active')
    .where('c.provisioning_state', '=', 'ready')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export interface ClinicPlan {
  subscription: SubscriptionRow;
  plan: PlanRow;
}

export async function loadClinicPlan(master: Kysely<MasterDB>, clinicId: string): Promise<ClinicPlan | undefined> {
  const subscription = await master.selectFrom('subscriptions').selectAll().where('clinic_id', '=', clinicId).executeTakeFirst();
  if (!subscription) return undefined;
  const plan = await master.selectFrom('plans').selectAll().where('code', '=', subscription.plan_code).executeTakeFirstOrThrow();
  return { subscription, plan };
}

/** Automatic sign-out for a session with no active clinic to take the setting from. */
export const DEFAULT_IDLE_MINUTES = 15;

/** Idle sign-out minutes of each given clinic. */
export async function idleTimeouts(master: Kysely<MasterDB>, clinicIds: readonly string[]): Promise<Map<string, number>> {
  if (!clinicIds.length) return new Map();
  const rows = await master.selectFrom('clinics').select(['id', 'idle_timeout_minutes']).where('id', 'in', clinicIds).execute();
  return new Map(rows.map((r) => [r.id, r.idle_timeout_minutes]));
}
