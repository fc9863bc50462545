import { rmSync } from 'node:fs';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { listBackupSets } from './list-backups';

interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
  /** Days and weeks are the clinic's calendar days and ISO weeks in this zone. */
  timeZone: string;
}

/**
 * Which backups a "last N daily and M weekly" policy keeps: going from newest to oldest, the
 * newest backup of each of the last N days that have one, and the newest of each of the last M
 * ISO weeks that have one. A backup may count for both. The newest backup is always kept.
 */
export function retainedIds(items: readonly { id: string; at: Date }[], policy: RetentionPolicy): Set<string> {
  const sorted = [...items].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const item of sorted) {
    const local = new TZDate(item.at.getTime(), policy.timeZone);
    const day = format(local, 'yyyy-MM-dd');
    const week = format(local, "RRRR-'W'II");
    if (!days.has(day) && days.size < policy.keepDaily) {
      days.add(day);
      keep.add(item.id);
    }
    if (!weeks.has(week) && weeks.size < policy.keepWeekly) {
      weeks.add(week);
      keep.add(item.id);
    }
  }
  if (sorted[0]) keep.add(sorted[0].id);
  return keep;
}

/**
 * Deletes the scheduled backups of everything that the policy no longer keeps. Backups taken
 * by hand and safety backups are the administrator's to delete and are never touched.
 */
export function pruneScheduledBackups(root: string, policy: RetentionPolicy): string[] {
  const scheduled = listBackupSets(root).filter((s) => s.kind === 'all' && s.manifest.trigger === 'scheduled');
  const keep = retainedIds(
    scheduled.map((s) => ({ id: s.id, at: new Date(s.manifest.createdAt) })),
    policy,
  );
  const removed: string[] = [];
  for (const set of scheduled) {
    if (keep.has(set.id)) continue;
    rmSync(set.dir, { recursive: true, force: true });
    removed.push(set.id);
  }
  return removed;
}
