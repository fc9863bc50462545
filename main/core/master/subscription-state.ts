import type { PlanInfo, SubscriptionInfo } from '../../../preload/contract/channels/subscription';
import type { PlanRow, SubscriptionRow } from './schema';

const DAY_MS = 86_400_000;

type SubscriptionTerms = Pick<SubscriptionRow, 'status' | 'trial_ends_at' | 'current_period_end'>;

/** When the clinic's current right to write ends: the trial's end, or the paid period's. */
function endOf(sub: SubscriptionTerms): string | null {
  return sub.status === 'trial' ? (sub.trial_ends_at ?? sub.current_period_end) : sub.current_period_end;
}

/**
 * The reference design's `@subscription_required`, except that an ended subscription never
 * locks a clinic out of its own records: it turns read-only until an owner renews. A
 * subscription without an end date (only a hand-edited database has one) counts as ended.
 */
export function isReadOnly(sub: SubscriptionTerms, now: Date): boolean {
  if (sub.status === 'cancelled' || sub.status === 'expired') return true;
  const end = endOf(sub);
  return end === null || Date.parse(end) <= now.getTime();
}

export function planInfo(plan: PlanRow): PlanInfo {
  return {
    code: plan.code,
    name: plan.name,
    monthlyPriceMinor: plan.monthly_price_minor,
    currency: plan.currency,
    maxUsers: plan.max_users,
    maxDoctors: plan.max_doctors,
    maxPatients: plan.max_patients,
    maxDbMb: plan.max_db_mb,
    trialDays: plan.trial_days,
  };
}

/** Whole days of writing left; 0 once read-only, whatever dates the row still carries. */
export function daysRemaining(sub: SubscriptionTerms, now: Date): number {
  const end = endOf(sub);
  return isReadOnly(sub, now) || end === null ? 0 : Math.ceil((Date.parse(end) - now.getTime()) / DAY_MS);
}

export function subscriptionInfo(sub: SubscriptionRow, plan: PlanRow, now: Date): SubscriptionInfo {
  const readOnly = isReadOnly(sub, now);
  return {
    plan: planInfo(plan),
    status: sub.status,
    trialEndsAt: sub.trial_ends_at,
    currentPeriodEnd: sub.current_period_end,
    daysRemaining: daysRemaining(sub, now),
    readOnly,
  };
}
