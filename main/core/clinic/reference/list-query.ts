import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DeletedFilter, Page } from '../../../../preload/contract/channels/common';
import { queryShape } from '../../db/query-shape';

interface Paging {
  page: number;
  pageSize: number;
}

/** A list query's rows counted: its FROM and WHERE, so the total always matches the filters. */
function countOf<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, Counted> {
  // the row type of a generic query cannot be resolved here; the selection is exactly { total }
  return query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')) as unknown as SelectQueryBuilder<DB, TB, Counted>;
}

interface Counted {
  total: number;
}

const offsetOf = (paging: Paging): number => (paging.page - 1) * paging.pageSize;

/**
 * A page that is not full is the end of the list, so it tells the total itself (a patient's
 * appointments and payments nearly always fit on one page). Only a full page, or an empty one
 * past the first, needs the rows counted.
 */
const totalOf = (items: readonly unknown[], paging: Paging): number | null =>
  items.length < paging.pageSize && (items.length > 0 || paging.page === 1) ? offsetOf(paging) + items.length : null;

function toPage<O>(items: O[], total: number, paging: Paging): Page<O> {
  return { items, total, page: paging.page, pageSize: paging.pageSize };
}

// count(*) without GROUP BY always yields one row
const countedTotal = (counted: Counted | undefined): number => {
  if (!counted) throw new Error('a list count returned no row');
  return counted.total;
};

/** Runs a filtered, selected and ordered query for one page and the total of all its rows. */
export async function fetchPage<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, paging: Paging): Promise<Page<O>> {
  const items = await query.limit(paging.pageSize).offset(offsetOf(paging)).execute();
  return toPage(items, totalOf(items, paging) ?? countedTotal(await countOf(query).executeTakeFirst()), paging);
}

interface PageShape<DB, Slots extends string, O> {
  fetch(db: Kysely<DB>, values: Readonly<Record<Slots, unknown>>, paging: Paging): Promise<Page<O>>;
}

/**
 * fetchPage for a list that screens open constantly: the page query and its count are built
 * and compiled once per database handle and re-run with new values (see query-shape.ts).
 */
export function pageShape<DB, Slots extends string, QueryDB, TB extends keyof QueryDB, O>(
  build: (db: Kysely<DB>, slot: (name: Slots) => never) => SelectQueryBuilder<QueryDB, TB, O>,
): PageShape<DB, Slots, O> {
  const items = queryShape<DB, Slots | '$limit' | '$offset', O>((db, slot) => build(db, slot).limit(slot('$limit')).offset(slot('$offset')));
  const count = queryShape<DB, Slots, Counted>((db, slot) => countOf(build(db, slot)));
  return {
    async fetch(db, values, paging) {
      const rows = await items.execute(db, { ...values, $limit: paging.pageSize, $offset: offsetOf(paging) });
      return toPage(rows, totalOf(rows, paging) ?? countedTotal((await count.execute(db, values))[0]), paging);
    },
  };
}

/** A LIKE pattern matching `text` anywhere, with the user's own % and _ taken literally (escape '\'). */
const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL condition for a soft-delete filter on a table's deleted_at column. */
export function deletedCondition(filter: DeletedFilter): 'is' | 'is not' | null {
  if (filter === 'include') return null;
  return filter === 'only' ? 'is not' : 'is';
}

/** `column LIKE %text%`, case-insensitive for ASCII as SQLite's LIKE is. */
export const containsText = (column: string, text: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} like ${containsPattern(text)} escape '\\'`;

/** Sort key for a list column: text ignores letter case, as people expect of a sorted list. */
export const sortKey = (column: string): RawBuilder<unknown> => sql`${sql.ref(column)} collate nocase`;
