/** Words both sides of the bridge use: a person's role in a clinic, a subscription's state. */

export const ROLES = ['owner', 'manager', 'front_desk', 'doctor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type SubscriptionStatus = 'trial' | 'active' | 'past_due' | 'cancelled' | 'expired';
