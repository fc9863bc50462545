import type { Role } from '../../../preload/contract/vocabulary';

/** How each role is called on screen; a Record so a new role cannot be left without a name. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Practice manager',
  front_desk: 'Front desk',
  doctor: 'Doctor',
  viewer: 'Viewer',
};

export const ROLE_CHOICES = Object.keys(ROLE_LABELS) as Role[];

/**
 * The plans a new clinic can start on. No channel lists plans before anyone is signed in, so the
 * codes are named here; main refuses an unknown one, and the Subscription page shows the real
 * list with prices and limits.
 */
export const STARTING_PLANS = [
  { code: 'basic', name: 'Basic' },
  { code: 'professional', name: 'Professional' },
  { code: 'enterprise', name: 'Enterprise' },
] as const;

/** main's policy (NIST SP 800-63B: length and a breached-password list, no composition rules), in words. */
export const PASSWORD_HINT = 'At least 10 characters. Common passwords are refused; a short sentence is easy to remember.';

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, with the machine's own always present. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const own = machineTimeZone();
  return zones.includes(own) ? zones : [own, ...zones];
}

/** `EUR — Euro`, sorted by code so type-ahead in the list works on the code. */
export function currencyChoices(): { code: string; label: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return Intl.supportedValuesOf('currency').map((code) => ({ code, label: `${code} — ${names.of(code) ?? code}` }));
}
