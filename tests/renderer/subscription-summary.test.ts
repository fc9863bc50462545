import { describe, expect, test } from 'vitest';
import type { SubscriptionInfo } from '../../preload/contract/channels/subscription';
import { subscriptionSummary } from '../../renderer/src/lib/subscription';

const base: SubscriptionInfo = {
  plan: { code: 'basic', name: 'Basic', monthlyPriceMinor: 2900, currency: 'USD', maxUsers: 3, maxDoctors: 2, maxPatients: 2000, maxDbMb: 500, trialDays: 14 },
  status: 'trial',
  trialEndsAt: '2030-01-15T00:00:00.000Z',
  currentPeriodEnd: '2030-01-15T00:00:00.000Z',
  daysRemaining: 14,
  readOnly: false,
};

describe('the header’s subscription summary', () => {
  test('a trial counts its days down, and warns in the last week', () => {
    expect(subscriptionSummary(base)).toEqual({ text: 'Trial · 14 days left', tone: 'ok' });
    expect(subscriptionSummary({ ...base, daysRemaining: 1 })).toEqual({ text: 'Trial · 1 day left', tone: 'warn' });
  });

  test('an active subscription names its plan', () => {
    expect(subscriptionSummary({ ...base, status: 'active', daysRemaining: 200 })).toEqual({ text: 'Basic · 200 days left', tone: 'ok' });
  });

  test('read-only wins over every status, and a cancellation says so', () => {
    expect(subscriptionSummary({ ...base, readOnly: true, daysRemaining: 0 })).toEqual({ text: 'Ended · read-only', tone: 'ended' });
    expect(subscriptionSummary({ ...base, status: 'cancelled', readOnly: true })).toEqual({ text: 'Cancelled · read-only', tone: 'ended' });
  });
});
