import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CursorPage, PatientListSort, PatientSummary } from '../../../../preload/contract/channels/patients';
import type { TenantDB } from '../schema';
import { queryShape, type QueryShape } from '../../db/query-shape';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './columns';
import { cursorInt, decodeCursor, encodeCursor } from './cursor';
import type { PatientRow } from './schema';

/**
 * Each sort is an index walked from the cursor on (keyset paging), with a unique column to
 * break ties, so any page of a million patients costs the same as the first.
 */
const SORTS = {
  name: { value: null, tie: 'name_rank' },
  mrn: { value: null, tie: 'mrn_seq' },
  created: { value: 'created_at', tie: 'mrn_seq' },
  dob: { value: 'dob', tie: 'name_rank' },
} as const;

const listCursor = z.object({ v: z.string().max(40).nullable(), k: cursorInt });

interface ListInput {
  sort: PatientListSort;
  order: 'asc' | 'desc';
  pageSize: number;
  cursor?: string | null | undefined;
}

type ListSlots = 'pageSize' | 'value' | 'key';
type ListShape = QueryShape<TenantDB, ListSlots, SummaryRow & Pick<PatientRow, 'name_rank' | 'mrn_seq' | 'created_at'>>;

/** One compiled shape per sort, order and first-or-later page: the screens page through these constantly. */
const listShapes = new Map<string, ListShape>();

function listShape(sort: PatientListSort, order: 'asc' | 'desc', later: boolean): ListShape {
  const key = `${sort}:${order}:${later}`;
  let shape = listShapes.get(key);
  if (shape) return shape;
  const { value, tie } = SORTS[sort];
  const op = order === 'asc' ? '>' : '<';
  shape = queryShape<TenantDB, ListSlots, SummaryRow & Pick<PatientRow, 'name_rank' | 'mrn_seq' | 'created_at'>>((db, slot) => {
    let query = db
      .selectFrom('patients')
      .select([...SUMMARY_COLUMNS, 'name_rank', 'mrn_seq', 'created_at'])
      .where('state', '=', 'active');
    if (later) {
      query = value ? query.where((eb) => eb(eb.refTuple(value, tie), op, eb.tuple(slot('value'), slot('key')))) : query.where(tie, op, slot('key'));
    }
    if (value) query = query.orderBy(value, order);
    return query.orderBy(tie, order).limit(slot('pageSize'));
  });
  listShapes.set(key, shape);
  return shape;
}

export async function listPatients(db: Kysely<TenantDB>, input: ListInput): Promise<CursorPage<PatientSummary>> {
  const { value, tie } = SORTS[input.sort];
  const after = decodeCursor(listCursor, input.cursor);
  const rows = await listShape(input.sort, input.order, after !== null).execute(db, {
    pageSize: input.pageSize + 1,
    value: after?.v ?? '',
    key: after?.k,
  });
  const page = rows.slice(0, input.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor({ v: value ? last[value] : null, k: last[tie] }) : null,
  };
}

const deletedCursor = z.object({ v: z.string().max(40), k: cursorInt });

/** Soft-deleted patients, most recently deleted first, for a manager to restore. */
export async function listDeletedPatients(db: Kysely<TenantDB>, input: { pageSize: number; cursor?: string | null | undefined }): Promise<CursorPage<PatientSummary>> {
  const after = decodeCursor(deletedCursor, input.cursor);
  let query = db.selectFrom('patients').select([...SUMMARY_COLUMNS, 'deleted_at', 'mrn_seq']).where('state', '=', 'deleted');
  if (after) query = query.where((eb) => eb(eb.refTuple('deleted_at', 'mrn_seq'), '<', eb.tuple(after.v, after.k)));
  const rows = await query.orderBy('deleted_at', 'desc').orderBy('mrn_seq', 'desc').limit(input.pageSize + 1).execute();
  const page = rows.slice(0, input.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor({ v: last.deleted_at, k: last.mrn_seq }) : null,
  };
}
