import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DeletedFilter, Page } from '../../../../preload/contract/channels/common';

interface Paging {
  page: number;
  pageSize: number;
}

/**
 * Runs a filtered, selected and ordered query for one page and counts all its rows. The count
 * reuses the query's FROM and WHERE, so the total always matches the filters.
 */
export async function fetchPage<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, paging: Paging): Promise<Page<O>> {
  const items = await query
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  // the row type of a generic query cannot be resolved here; the selection is exactly { total }
  const counted = (await query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow()) as {
    total: number;
  };
  return { items, total: counted.total, page: paging.page, pageSize: paging.pageSize };
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
