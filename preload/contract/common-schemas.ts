import { z } from 'zod';

const supportedZones = new Set(Intl.supportedValuesOf('timeZone'));
const supportedCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email('Enter a valid email address.'));

export const personNameSchema = z.string().trim().min(1, 'Required.').max(120, 'Use at most 120 characters.');

/** IANA names only ("Europe/Berlin"), as the clinic's appointments are shown in that zone. */
export const timezoneSchema = z
  .string()
  .refine((tz) => supportedZones.has(tz) || tz === 'UTC', 'Choose a time zone such as Europe/Berlin.');

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR.')
  .refine((c) => supportedCurrencies.has(c), 'Unknown currency code.');

export const machineTimezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
