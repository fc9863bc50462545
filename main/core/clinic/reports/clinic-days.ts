import type { Period } from '../../../../preload/contract/channels/reports';
import { addDays, dayStart, localDateOf, mondayOf } from '../appointments/clinic-time';

/**
 * Clinic calendar dates (YYYY-MM-DD, both ends included) as a half-open range of stored UTC
 * instants: from the start of `from` in the clinic's zone to the start of the day after `to`.
 * Stored instants share one ISO format, so text comparison is time order.
 */
export function instantRange(tz: string, from?: string, to?: string): { start?: string; end?: string } {
  return {
    ...(from && { start: new Date(dayStart(from, tz)).toISOString() }),
    ...(to && { end: new Date(dayStart(addDays(to, 1), tz)).toISOString() }),
  };
}

/** The period an instant falls in, by the clinic's calendar: a date, the Monday of its week, or YYYY-MM. */
export function periodOf(instant: string, period: Period, tz: string): string {
  return periodOfDate(localDateOf(Date.parse(instant), tz), period);
}

function periodOfDate(date: string, period: Period): string {
  if (period === 'day') return date;
  if (period === 'week') return mondayOf(date);
  return date.slice(0, 7);
}

/** Every period touching from..to, in order, so that a chart shows empty periods as zero. */
export function periodsBetween(from: string, to: string, period: Period): string[] {
  const keys: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const key = periodOfDate(date, period);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}
