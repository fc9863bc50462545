import { describe, expect, test } from 'vitest';
import { toLocalIso } from '../../main/core/clinic/appointments/clinic-time';
import { offsetSeconds } from '../../main/core/clinic/appointments/zone-offsets';

const HOUR = 3_600_000;

/**
 * The text Intl's own calendar fields give, through formatToParts (the code under test reads a
 * formatted offset and does the calendar arithmetic itself). date-fns cannot serve here: it drops
 * the seconds of a local mean time's offset.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function expected(at: number, tz: string): string {
  const format = formats.get(tz) ?? new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  formats.set(tz, format);
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const offset = part.timeZoneName?.slice(3) || '+00:00';
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset === '+00:00' ? 'Z' : offset}`;
}

/** Every instant where Intl's calendar shows the wall-clock offset change within a UTC year, found hour by hour. */
function changesSeenHourly(year: number, tz: string): number[] {
  const offsetAt = (at: number) => expected(at, tz).slice(19);
  const changes: number[] = [];
  for (let at = Date.UTC(year, 0, 1); at < Date.UTC(year + 1, 0, 1); at += HOUR) {
    if (offsetAt(at) === offsetAt(at + HOUR)) continue;
    let [lo, hi] = [at, at + HOUR];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid) === offsetAt(hi)) hi = mid;
      else lo = mid;
    }
    changes.push(hi);
  }
  return changes;
}

describe('offsets looked up from each zone’s changes', () => {
  // odd cases: changes at 00:01 (St John’s before 2011), half-hour summer time (Lord Howe), a
  // skipped calendar day (Apia, December 2011), the shortest gap between changes since 1970
  // (Noronha, 2000), a change from a local mean time with seconds (Monrovia, January 1972),
  // Ramadan suspensions (Casablanca), predicted rules (Gaza), two-hour summer time (Troll)
  const cases: [string, number][] = [
    ['Europe/Berlin', 2025],
    ['America/St_Johns', 2005],
    ['Australia/Lord_Howe', 2024],
    ['Pacific/Apia', 2011],
    ['America/Noronha', 2000],
    ['Africa/Monrovia', 1972],
    ['Africa/Casablanca', 2024],
    ['Asia/Gaza', 2041],
    ['Antarctica/Troll', 2030],
    ['Asia/Kathmandu', 1986],
  ];

  test.each(cases)('%s in %i: the same text as Intl’s calendar every hour and either side of every change', (tz, year) => {
    const changes = changesSeenHourly(year, tz);
    if (tz !== 'Asia/Kathmandu') expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      for (const at of [change - 1, change, change + 1]) expect(toLocalIso(at, tz)).toBe(expected(at, tz));
    }
    for (let at = Date.UTC(year, 0, 1); at < Date.UTC(year + 1, 0, 1); at += HOUR + 61_001) expect(toLocalIso(at, tz)).toBe(expected(at, tz));
  });

  test('instants before 1970 and in the far future are answered too', () => {
    for (const [iso, tz] of [
      ['1960-06-01T12:00:00Z', 'Africa/Monrovia'],
      ['1944-07-01T12:00:00Z', 'Europe/London'],
      ['1969-12-31T23:59:59.999Z', 'America/New_York'],
      ['2199-07-01T12:00:00Z', 'Europe/Berlin'],
      ['2250-07-01T12:00:00Z', 'America/New_York'],
    ] as const) {
      expect(toLocalIso(Date.parse(iso), tz)).toBe(expected(Date.parse(iso), tz));
    }
  });

  test('the offset in seconds, east and west of UTC', () => {
    expect(offsetSeconds(Date.UTC(2025, 6, 1), 'Europe/Berlin')).toBe(7200);
    expect(offsetSeconds(Date.UTC(2025, 0, 1), 'America/St_Johns')).toBe(-12_600);
    expect(offsetSeconds(Date.UTC(2025, 0, 1), 'UTC')).toBe(0);
    // summer in the last year a Date can hold, where a year's table would have no end
    expect(offsetSeconds(Date.parse('+275760-06-01T00:00:00Z'), 'America/New_York')).toBe(-14_400);
  });

  test('an instant that is not a time is refused, as Intl refuses it', () => {
    expect(() => offsetSeconds(Number.NaN, 'Europe/Berlin')).toThrow(RangeError);
  });
});
