import type { Kysely } from 'kysely';
import type { TenantDB } from '../schema';
import { indexPatient, INDEXED_COLUMNS, unindexPatient } from './search-index';

/**
 * name_rank: each patient's place in alphabetical order (sort_key, id) as a sparse integer.
 * The search index uses it as rowid, so the trigram index returns matches in name order and a
 * page of 50 is read without sorting every match. A new name takes a number between its
 * neighbours'; when two neighbours have no number left between them, a small window around
 * them is spread out again (rare: gaps start at 2^32 and halve per insert in between).
 */
const RANK_MIN = 0;
const RANK_MAX = Number.MAX_SAFE_INTEGER;
const FIRST_RANK = 2 ** 52;
const APPEND_GAP = 2 ** 32;
const MIN_SPACING = 2 ** 16;
/** Where a patient being renamed waits while its new place is found: ranks are otherwise positive. */
export const PARKED_RANK = -1;

type Db = Kysely<TenantDB>;

async function neighbours(db: Db, key: string, id: string): Promise<{ before: number | null; after: number | null }> {
  const before = await db
    .selectFrom('patients')
    .select('name_rank')
    .where((eb) => eb(eb.refTuple('sort_key', 'id'), '<', eb.tuple(key, id)))
    .where('name_rank', '>', RANK_MIN)
    .orderBy('sort_key', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const after = await db
    .selectFrom('patients')
    .select('name_rank')
    .where((eb) => eb(eb.refTuple('sort_key', 'id'), '>', eb.tuple(key, id)))
    .where('name_rank', '>', RANK_MIN)
    .orderBy('sort_key')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return { before: before?.name_rank ?? null, after: after?.name_rank ?? null };
}

function between(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return FIRST_RANK;
  const lo = before ?? RANK_MIN;
  const hi = after ?? RANK_MAX;
  // appending at either end keeps a fixed gap, so names typed in order do not halve it each time
  const candidate = after === null ? Math.min(lo + APPEND_GAP, lo + Math.floor((hi - lo) / 2)) : before === null ? Math.max(hi - APPEND_GAP, hi - Math.floor((hi - lo) / 2)) : lo + Math.floor((hi - lo) / 2);
  return candidate > lo && candidate < hi ? candidate : null;
}

/**
 * The rank for a patient whose sort key is `key`, to be written by the caller in the same
 * transaction. The patient's own row must not hold a positive rank meanwhile (new, or parked).
 */
export async function rankFor(db: Db, key: string, id: string): Promise<number> {
  const near = await neighbours(db, key, id);
  return between(near.before, near.after) ?? (await spreadAround(db, near.before ?? RANK_MIN, near.after ?? RANK_MAX));
}

/**
 * Renumbers the patients nearest the full gap (lo, hi) evenly over a window wide enough to
 * leave MIN_SPACING between neighbours, keeps the search index in step, and returns the free
 * rank left for the newcomer in the middle of the window.
 */
async function spreadAround(db: Db, lo: number, hi: number): Promise<number> {
  for (let k = 8; ; k *= 4) {
    const below = await db.selectFrom('patients').select(['id', 'name_rank']).where('name_rank', '<=', lo).where('name_rank', '>', RANK_MIN).orderBy('name_rank', 'desc').limit(k).execute();
    const above = await db.selectFrom('patients').select(['id', 'name_rank']).where('name_rank', '>=', hi).orderBy('name_rank').limit(k).execute();
    // the farthest patient on each side stays put and bounds the window, unless that side ran out
    const lower = below.length === k ? below.pop()!.name_rank : RANK_MIN;
    const upper = above.length === k ? above.pop()!.name_rank : RANK_MAX;
    const moving = [...below.reverse(), null, ...above];
    const spacing = Math.floor((upper - lower) / (moving.length + 1));
    const exhausted = lower === RANK_MIN && upper === RANK_MAX;
    if (spacing < MIN_SPACING && !exhausted) continue;
    if (spacing < 1) throw new Error('no room left in the name order');

    const movers = moving.flatMap((m, i) => (m ? [{ ...m, next: lower + spacing * (i + 1) }] : []));
    const indexed = await db
      .selectFrom('patients')
      .select([...INDEXED_COLUMNS, 'id', 'state'])
      .where('id', 'in', movers.map((m) => m.id))
      .execute();
    const active = new Map(indexed.filter((p) => p.state === 'active').map((p) => [p.id, p]));
    for (const [i, m] of movers.entries()) {
      if (active.has(m.id)) await unindexPatient(db, m.name_rank);
      // negative ranks first, so the final numbers never collide with ones not yet moved
      await db.updateTable('patients').set({ name_rank: PARKED_RANK - 1 - i }).where('id', '=', m.id).execute();
    }
    for (const m of movers) {
      await db.updateTable('patients').set({ name_rank: m.next }).where('id', '=', m.id).execute();
      const p = active.get(m.id);
      if (p) await indexPatient(db, { ...p, name_rank: m.next });
    }
    return lower + spacing * (moving.indexOf(null) + 1);
  }
}
