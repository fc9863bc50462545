import fc from 'fast-check';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { clinicDb, create, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
});
afterEach(async () => t.api.dispose());

/** name_rank must order patients exactly as (sort_key, id) does: search pages rely on it. */
async function expectRanksInNameOrder(): Promise<void> {
  const rows = await clinicDb(t.a, (db) => db.selectFrom('patients').select(['id', 'sort_key', 'name_rank']).execute());
  const byName = [...rows].sort((x, y) => (x.sort_key < y.sort_key ? -1 : x.sort_key > y.sort_key ? 1 : x.id < y.id ? -1 : 1)).map((r) => r.id);
  const byRank = [...rows].sort((x, y) => x.name_rank - y.name_rank).map((r) => r.id);
  expect(byRank).toEqual(byName);
  expect(rows.every((r) => r.name_rank > 0)).toBe(true);
}

const phone = '+1 555 0100';

test('a run of names that keeps landing in the same gap renumbers its neighbourhood and stays in order', async () => {
  const b = await create(t.a, { firstName: 'X', lastName: 'B', phone });
  await create(t.a, { firstName: 'X', lastName: 'C', phone });
  const rankOfB = () => clinicDb(t.a, (db) => db.selectFrom('patients').select('name_rank').where('id', '=', b.id).executeTakeFirstOrThrow());
  const before = await rankOfB();
  // each name sorts just after "B" and before the previous one, halving the same gap: 2^32 runs out after 32
  const lastNames = [...'zyxwvutsrqponmlkjihgfedcba9876543210'].map((c) => `B${c}`);
  for (const lastName of lastNames) await create(t.a, { firstName: 'X', lastName, phone });
  expect(await rankOfB()).not.toEqual(before);
  await expectRanksInNameOrder();

  // the search index moved with the ranks: a text match comes back in name order
  const page = await t.a.ok('patients:search', { q: '5550', pageSize: 100 });
  expect(page.items.map((i) => i.lastName)).toEqual(['B', ...[...lastNames].reverse(), 'C']);
});

test('any mix of creates and renames keeps the name order', async () => {
  const ids: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.constantFrom('Ann', 'Bo', 'Émile', 'anna', 'Zed', 'Lee', 'Lee Ann', 'Leeds', 'Ng', 'Øst')), { minLength: 1, maxLength: 8 }),
      async (steps) => {
        for (const [rename, at, name] of steps) {
          if (rename && ids.length) await t.a.ok('patients:update', { id: ids[at % ids.length]!, lastName: name });
          else ids.push((await create(t.a, { lastName: name, firstName: `F${at % 7 ? 'a' : 'b'}` })).id);
        }
        await expectRanksInNameOrder();
      },
    ),
    { numRuns: 15 },
  );
}, 120_000);
