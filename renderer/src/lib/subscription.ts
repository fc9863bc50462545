import type { SubscriptionInfo } from '../../../preload/contract/channels/subscription';

type SubscriptionTone = 'ok' | 'warn' | 'ended';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'} left`;

/** The header's short statement of the subscription, and how loudly to say it. */
export function subscriptionSummary(sub: SubscriptionInfo): { text: string; tone: SubscriptionTone } {
  if (sub.readOnly) return { text: sub.status === 'cancelled' ? 'Cancelled · read-only' : 'Ended · read-only', tone: 'ended' };
  const soon = sub.daysRemaining <= 7;
  switch (sub.status) {
    case 'trial':
      return { text: `Trial · ${days(sub.daysRemaining)}`, tone: soon ? 'warn' : 'ok' };
    case 'past_due':
      return { text: `Payment due · ${days(sub.daysRemaining)}`, tone: 'warn' };
    default:
      return { text: `${sub.plan.name} · ${days(sub.daysRemaining)}`, tone: soon ? 'warn' : 'ok' };
  }
}

export const STATUS_LABELS: Record<SubscriptionInfo['status'], string> = {
  trial: 'Trial',
  active: 'Active',
  past_due: 'Payment due',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** A stored UTC instant as a calendar date in the clinic's own zone. */
export function clinicDate(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone }).format(new Date(iso));
}

export function formatMoney(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
}
