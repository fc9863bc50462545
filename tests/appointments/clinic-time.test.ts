import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { localDateOf, toLocalIso } from '../../main/core/clinic/appointments/clinic-time';

const at = (iso: string): number => Date.parse(iso);

describe('clinic wall-clock time of an instant', () => {
  test('either side of a clock change, in zones east and west of UTC and with odd offsets', () => {
    // Berlin springs forward at 01:00 UTC on 2025-03-30 and falls back at 01:00 UTC on 2025-10-26
    expect(toLocalIso(at('2025-03-30T00:59:59.999Z'), 'Europe/Berlin')).toBe('2025-03-30T01:59:59+01:00');
    expect(toLocalIso(at('2025-03-30T01:00:00Z'), 'Europe/Berlin')).toBe('2025-03-30T03:00:00+02:00');
    expect(toLocalIso(at('2025-10-26T00:30:00Z'), 'Europe/Berlin')).toBe('2025-10-26T02:30:00+02:00');
    expect(toLocalIso(at('2025-10-26T01:30:00Z'), 'Europe/Berlin')).toBe('2025-10-26T02:30:00+01:00');
    expect(toLocalIso(at('2025-01-15T12:00:00Z'), 'America/St_Johns')).toBe('2025-01-15T08:30:00-03:30');
    expect(toLocalIso(at('2025-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe('2025-01-15T17:45:00+05:45');
    expect(toLocalIso(at('2025-01-15T12:00:00Z'), 'UTC')).toBe('2025-01-15T12:00:00Z');
    expect(toLocalIso(at('2025-01-15T12:00:00Z'), 'Europe/London')).toBe('2025-01-15T12:00:00Z');
  });

  test('the calendar date is the clinic’s, not UTC’s', () => {
    expect(localDateOf(at('2025-03-29T23:30:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(localDateOf(at('2025-03-30T02:00:00Z'), 'America/Los_Angeles')).toBe('2025-03-29');
    expect(localDateOf(at('2025-12-31T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-01');
  });

  test('the same text as date-fns formats for every zone at any instant from 1975 to 2100', () => {
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+5', 'Etc/GMT-14'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: at('1975-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') }), (tz, instant) => {
        const local = new TZDate(instant, tz);
        expect(toLocalIso(instant, tz)).toBe(formatISO(local));
        expect(localDateOf(instant, tz)).toBe(formatISO(local, { representation: 'date' }));
      }),
      { numRuns: 5000 },
    );
  });

  test('a local mean time before standard zones keeps its seconds, so the text still names the instant', () => {
    // Monrovia was 44 min 30 s behind UTC until 1972
    expect(toLocalIso(at('1960-06-01T12:00:00Z'), 'Africa/Monrovia')).toBe('1960-06-01T11:15:30-00:44:30');
  });
});
