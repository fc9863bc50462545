import { z } from 'zod';
import type { SubscriptionStatus } from '../vocabulary';
import { channel } from '../define';

export interface PlanInfo {
  code: string;
  name: string;
  monthlyPriceMinor: number;
  currency: string;
  /** null: no limit. */
  maxUsers: number | null;
  maxDoctors: number | null;
  maxPatients: number | null;
  maxDbMb: number | null;
  trialDays: number;
}

export interface SubscriptionInfo {
  plan: PlanInfo;
  status: SubscriptionStatus;
  trialEndsAt: string | null;
  currentPeriodEnd: string | null;
  /** Whole days until the trial or paid period ends; 0 once it has. */
  daysRemaining: number;
  /** Reads and exports only, until an owner renews. */
  readOnly: boolean;
}

export interface SubscriptionOverview extends SubscriptionInfo {
  /** What the owner may change to. */
  plans: PlanInfo[];
}

export const subscriptionChannels = {
  'subscription:get': channel<SubscriptionOverview>()(z.strictObject({})),
  'subscription:changePlan': channel<SubscriptionInfo>()(z.strictObject({ planCode: z.string().trim().min(1, 'Required.').max(40) })),
  /** A self-hosted clinic has no payment processor: the owner records the paid-until date. */
  'subscription:activate': channel<SubscriptionInfo>()(z.strictObject({ periodEnd: z.iso.date('Use a date such as 2030-12-31.') })),
};
