import { z } from 'zod';
import type { Action } from '../actions';
import type { Role } from '../vocabulary';
import { channel } from '../define';
import type { SubscriptionInfo } from './subscription';

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
}

/** A clinic the signed-in person may work in, with their role there. */
export interface ClinicMembership {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

export interface ActiveClinic extends ClinicMembership {
  timezone: string;
  currency: string;
  subscription: SubscriptionInfo;
  /** What this person may do here, so screens can hide what would be refused anyway. */
  actions: Action[];
}

export interface SessionInfo {
  user: SessionUser;
  clinics: ClinicMembership[];
  activeClinic: ActiveClinic | null;
  /** Automatic sign-out after this many minutes without a call. */
  idleTimeoutMinutes: number;
}

export const sessionChannels = {
  /** The caller's session, or null when signed out; asking does not count as activity. */
  'session:get': channel<SessionInfo | null>()(z.strictObject({})),
};
