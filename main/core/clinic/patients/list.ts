import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CursorPage, PatientListSort, PatientSummary } from '../../../../preload/contract/channels/patients';
import type { TenantDB } from '../schema';
import { SUMMARY_COLUMNS, toSummary } from './columns';
import { cursorInt, decodeCursor, encodeCursor } from './cursor';

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

export async function listPatients(db: Kysely<TenantDB>, input: ListInput): Promise<CursorPage<PatientSummary>> {
  const { value, tie } = SORTS[input.sort];
  const after = decodeCursor(listCursor, input.cursor);
  const op = input.order === 'asc' ? '>' : '<';
  let query = db
    .selectFrom('patients')
    .select([...SUMMARY_COLUMNS, 'name_rank', 'mrn_seq', 'created_at'])
    .where('state', '=', 'active');
  if (after) {
    query = value
      ? query.where((eb) => eb(eb.refTuple(value, tie), op, eb.tuple(after.v ?? '', after.k)))
      : query.where(tie, op, after.k);
  }
  if (value) query = query.orderBy(value, input.order);
  const rows = await query.orderBy(tie, input.order).limit(input.pageSize + 1).execute();
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
