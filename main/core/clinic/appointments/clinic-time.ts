import { TZDate } from '@date-fns/tz';
import type { Slot } from '../../../../preload/contract/channels/appointments';
import { offsetSeconds } from './zone-offsets';

/**
 * Conversions between UTC instants and the clinic's wall-clock time. Calendar dates are
 * YYYY-MM-DD strings: a clinic day is a date in its zone, 23 or 25 hours long on a clock change.
 */

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

const ymd = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/** Calendar arithmetic on YYYY-MM-DD, the same in every zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday, as WEEKDAYS indexes it. */
export function weekdayOf(date: string): number {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday of the week holding `date`. */
export const mondayOf = (date: string): string => addDays(date, -((weekdayOf(date) + 6) % 7));

/**
 * The instant at `minutes` past midnight on `date` in `tz`. `exists` is false for a time the
 * clocks skip (spring forward); `at` is then the same time after the jump. A time that happens
 * twice (autumn) resolves to its later occurrence.
 */
export function wallClock(date: string, minutes: number, tz: string): { at: number; exists: boolean } {
  if (minutes >= MINUTES_PER_DAY) return wallClock(addDays(date, 1), minutes - MINUTES_PER_DAY, tz);
  const [y, m, d] = ymd(date);
  const hours = Math.floor(minutes / 60);
  const mins = minutes % 60;
  const t = new TZDate(y, m - 1, d, hours, mins, tz);
  const exists = t.getFullYear() === y && t.getMonth() === m - 1 && t.getDate() === d && t.getHours() === hours && t.getMinutes() === mins;
  return { at: t.getTime(), exists };
}

/** When the clinic's calendar day `date` begins. */
export const dayStart = (date: string, tz: string): number => wallClock(date, 0, tz).at;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Wall-clock time with the zone's offset, such as 2025-03-30T09:00:00+02:00 (Z at UTC): what
 * formatISO(new TZDate(at, tz)) gives, at a fraction of its cost (a TZDate asks Intl for the
 * offset several times over).
 */
export function toLocalIso(at: number, tz: string): string {
  const offset = offsetSeconds(at, tz);
  const wall = new Date(at + offset * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const abs = Math.abs(offset);
  const seconds = abs % 60 ? `:${pad2(abs % 60)}` : '';
  return `${wall}${offset < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 3600))}:${pad2(Math.trunc(abs / 60) % 60)}${seconds}`;
}

/** The clinic's calendar date at an instant. */
export const localDateOf = (at: number, tz: string): string => toLocalIso(at, tz).slice(0, 10);

export const slotOf = (start: number, end: number, tz: string): Slot => ({
  start: new Date(start).toISOString(),
  end: new Date(end).toISOString(),
  localStart: toLocalIso(start, tz),
  localEnd: toLocalIso(end, tz),
});
