import { describe, expect, test } from 'vitest';
import { retainedIds } from '../../main/core/backup/retention';
import { DAY } from './helpers';

const policy = { keepDaily: 7, keepWeekly: 4, timeZone: 'UTC' };

function daily(from: string, days: number, perDay = 1) {
  const start = new Date(from).getTime();
  const items: { id: string; at: Date }[] = [];
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < perDay; k++) {
      const at = new Date(start + d * DAY + k * 3_600_000);
      items.push({ id: at.toISOString(), at });
    }
  }
  return items;
}

describe('retention: last 7 daily and 4 weekly', () => {
  test('keeps the newest of each of the last 7 days and of each of the last 4 ISO weeks', () => {
    // 1 May (Wednesday) to 30 June 2024 (Sunday), one backup a day
    const kept = [...retainedIds(daily('2024-05-01T02:00:00Z', 61), policy)].map((id) => id.slice(0, 10)).sort().reverse();
    expect(kept).toEqual(['2024-06-30', '2024-06-29', '2024-06-28', '2024-06-27', '2024-06-26', '2024-06-25', '2024-06-24', '2024-06-23', '2024-06-16', '2024-06-09']);
  });

  test('several backups a day: only the newest of each day counts', () => {
    const kept = [...retainedIds(daily('2024-06-24T00:00:00Z', 7, 3), policy)].sort();
    expect(kept).toHaveLength(7);
    expect(kept.every((id) => id.endsWith('T02:00:00.000Z'))).toBe(true);
  });

  test('days without a backup do not use up the daily allowance', () => {
    const sparse = daily('2024-01-01T02:00:00Z', 60).filter((_, i) => i % 3 === 0);
    expect(retainedIds(sparse, policy).size).toBeGreaterThanOrEqual(7);
  });

  test('days follow the schedule zone, not UTC', () => {
    // one UTC day, but 23:30 on the 9th and 00:30 on the 10th in Berlin (summer time)
    const items = [
      { id: 'a', at: new Date('2024-06-09T21:30:00Z') },
      { id: 'b', at: new Date('2024-06-09T22:30:00Z') },
    ];
    expect([...retainedIds(items, { keepDaily: 2, keepWeekly: 0, timeZone: 'Europe/Berlin' })].sort()).toEqual(['a', 'b']);
    expect([...retainedIds(items, { keepDaily: 2, keepWeekly: 0, timeZone: 'UTC' })]).toEqual(['b']);
  });

  test('the newest backup is always kept', () => {
    expect([...retainedIds(daily('2024-06-01T02:00:00Z', 3), { keepDaily: 1, keepWeekly: 0, timeZone: 'UTC' })]).toEqual(['2024-06-03T02:00:00.000Z']);
  });
});
