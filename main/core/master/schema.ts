import type { Generated } from 'kysely';

/** Row types of the master database, as migrations/master leaves it. */

import type { Role, SubscriptionStatus } from '../../../preload/contract/vocabulary';

export { ROLES, type Role, type SubscriptionStatus } from '../../../preload/contract/vocabulary';

export type ClinicStatus = 'active' | 'suspended' | 'archived';

export interface ClinicRow {
  id: string;
  name: string;
  slug: string;
  db_name: string;
  contact_email: string;
  status: ClinicStatus;
  timezone: string;
  currency: string;
  provisioning_state: 'provisioning' | 'ready';
  created_at: string;
  /** Automatic sign-out after this many minutes without activity (1–240). */
  idle_timeout_minutes: Generated<number>;
}

export interface UserRow {
  id: string;
  email: string;
  email_key: string;
  full_name: string;
  password_hash: string;
  failed_signins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  /** The clinic sign-in returns to. */
  last_clinic_id: string | null;
}

export interface MembershipRow {
  user_id: string;
  clinic_id: string;
  role: Role;
  created_at: string;
  /** 1: no access to this clinic; the user's other clinics are unaffected. */
  disabled: Generated<number>;
}

export interface PlanRow {
  code: string;
  name: string;
  monthly_price_minor: number;
  currency: string;
  max_users: number | null;
  max_doctors: number | null;
  max_patients: number | null;
  max_db_mb: number | null;
  trial_days: number;
}

export interface SubscriptionRow {
  id: string;
  clinic_id: string;
  plan_code: string;
  status: SubscriptionStatus;
  started_at: string;
  trial_ends_at: string | null;
  current_period_end: string | null;
  updated_at: string;
}

export interface MasterDB {
  clinics: ClinicRow;
  users: UserRow;
  memberships: MembershipRow;
  plans: PlanRow;
  subscriptions: SubscriptionRow;
}
