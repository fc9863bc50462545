import { WEEKDAYS, minutesOfDay, type WorkingHours } from '../../../../preload/contract/channels/doctors';
import { addDays, localDateOf, wallClock, weekdayOf } from './clinic-time';

/** A stretch of time in ms since the epoch, end exclusive. */
export interface Interval {
  start: number;
  end: number;
}

/** Stored hours (validated on the way in) with every weekday present. */
export function parseWorkingHours(json: string): WorkingHours {
  const stored = JSON.parse(json) as Partial<WorkingHours>;
  return Object.fromEntries(WEEKDAYS.map((day) => [day, stored[day] ?? []])) as WorkingHours;
}

/**
 * The doctor's working time on the clinic's dates `first`..`last` as instants, sorted, with
 * touching ranges joined (so 22:00–24:00 and the next day's 00:00–06:00 make one night shift).
 * Each range is placed on its own date in the clinic's zone, so a clock change moves it with
 * the clock on the wall.
 */
export function workingIntervals(hours: WorkingHours, first: string, last: string, tz: string): Interval[] {
  const raw: Interval[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const range of hours[WEEKDAYS[weekdayOf(date)]!]) {
      const start = wallClock(date, minutesOfDay(range.start), tz).at;
      const end = wallClock(date, minutesOfDay(range.end), tz).at;
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of raw) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** Whether [start, end) lies wholly inside the doctor's working time. */
export function withinWorkingHours(hours: WorkingHours, start: number, end: number, tz: string): boolean {
  return workingIntervals(hours, localDateOf(start, tz), localDateOf(end, tz), tz).some((i) => i.start <= start && end <= i.end);
}
