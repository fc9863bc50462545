import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { CursorPage, PatientHit, SearchMatch } from '../../../../preload/contract/channels/patients';
import type { TenantDB } from '../schema';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './columns';
import { cursorInt, decodeCursor, encodeCursor } from './cursor';
import { parseDates } from './dates';
import { digitsOnly, foldText } from './fold';
import { parseMrn } from './mrn';
import { idsText, MAX_PIECE, MIN_PIECE, nameSearchText, PIECEABLE, PREFIX_MARK } from './search-index';

/**
 * Patient search in three groups, each alphabetical: exact identifiers (MRN, whole phone
 * number, national id, date of birth), then names starting with the text, then any other
 * name, phone, MRN or national id containing it. Every group is read in name order straight
 * from indexes whose order is the name order (the identifier indexes end in name_rank; the
 * search indexes' rowid is name_rank), so a page costs about its own size, however common the
 * text: nothing sorts all matches. The cursor says which group and rank the last page ended at.
 */

interface Terms {
  /** Folded text for names; "" when the query has no letters or digits. */
  name: string;
  /** Letters and digits only, for identifiers. */
  ids: string;
  mrn: string | null;
  phone: string | null;
  nationalId: string | null;
  dobs: string[];
}

function termsOf(q: string): Terms {
  const name = foldText(q);
  const ids = name.replace(/ /g, '');
  const phoneLike = /^[+\d\s()./-]+$/.test(q) && digitsOnly(q).length >= 5;
  return {
    name,
    ids,
    mrn: parseMrn(q),
    phone: phoneLike ? digitsOnly(q) : null,
    nationalId: ids || null,
    dobs: parseDates(q),
  };
}

type HitRow = SummaryRow & { name_rank: number; state: string; phone_digits: string | null; national_id_key: string | null };

const isIdentifierHit = (r: HitRow, t: Terms): boolean =>
  (t.mrn !== null && r.mrn === t.mrn) ||
  (t.phone !== null && r.phone_digits === t.phone) ||
  (t.nationalId !== null && r.national_id_key === t.nationalId) ||
  (r.dob !== null && t.dobs.includes(r.dob));

const HIT_COLUMNS = [...SUMMARY_COLUMNS, 'name_rank', 'state', 'phone_digits', 'national_id_key'] as const;
type Db = Kysely<TenantDB>;

/** The identifier group: a few small index ranges, each already in name order, merged. */
async function identifierHits(db: Db, t: Terms, after: number, limit: number): Promise<HitRow[]> {
  const from = () => db.selectFrom('patients').select(HIT_COLUMNS).where('state', '=', 'active').where('name_rank', '>', after).orderBy('name_rank').limit(limit);
  const ranges = [
    t.mrn ? from().where('mrn', '=', t.mrn).execute() : [],
    t.phone ? from().where('phone_digits', '=', t.phone).execute() : [],
    t.nationalId ? from().where('national_id_key', '=', t.nationalId).execute() : [],
    ...t.dobs.map((dob) => from().where('dob', '=', dob).execute()),
  ];
  const byId = new Map((await Promise.all(ranges)).flat().map((r) => [r.id, r]));
  return [...byId.values()].sort((a, b) => a.name_rank - b.name_rank).slice(0, limit);
}

const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * One search index read in rank order: its MATCH expression, and the check a candidate must
 * pass in main (identifier pieces match a superset; hits listed in an earlier group are left out).
 */
interface IndexStream {
  table: 'patient_search' | 'patient_search_ids';
  match: string;
  keep: (row: HitRow) => boolean;
}

/** Up to `limit` index matches after `after`, in rank order, each with its patient row. */
async function indexPage(db: Db, s: IndexStream, after: number, limit: number): Promise<{ rank: number; row: HitRow | undefined }[]> {
  const found = await sql<{ r: number }>`select rowid as r from ${sql.table(s.table)} where ${sql.table(s.table)} match ${s.match} and rowid > ${after} order by rowid limit ${limit}`.execute(db);
  if (!found.rows.length) return [];
  const ranks = found.rows.map((h) => h.r);
  const rows = await db.selectFrom('patients').select(HIT_COLUMNS).where('name_rank', 'in', ranks).execute();
  const byRank = new Map(rows.map((r) => [r.name_rank, r]));
  return ranks.map((rank) => ({ rank, row: byRank.get(rank) }));
}

/** The first `limit` rows of one index after `after` that pass its check, in rank order. */
async function streamHits(db: Db, s: IndexStream, after: number, limit: number): Promise<HitRow[]> {
  const hits: HitRow[] = [];
  let from = after;
  for (let batch = limit; ; batch = Math.min(batch * 2, 1000)) {
    const page = await indexPage(db, s, from, batch);
    for (const { row } of page) if (row && row.state === 'active' && s.keep(row)) hits.push(row);
    const last = page.at(-1);
    if (hits.length >= limit || page.length < batch || !last) return hits.slice(0, limit);
    from = last.rank;
  }
}

/** Several rank-ordered streams merged: each one's first `limit` hold all of the merged first `limit`. */
async function mergedHits(db: Db, streams: IndexStream[], after: number, limit: number): Promise<HitRow[]> {
  const byId = new Map<string, HitRow>();
  for (const s of streams) for (const row of await streamHits(db, s, after, limit)) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => a.name_rank - b.name_rank).slice(0, limit);
}

/**
 * The MATCH for rows whose text contains `text`, and whether main must check each row. A long
 * text is searched as a few pieces of `n` characters that cover it (from the start every n,
 * and the last n), a superset that main narrows: fewer, rarer tokens than the full phrase mean
 * fewer lists to open in every segment of the index, most of a query's cost on a large clinic.
 */
function containing(text: string, n: number, exactUpTo: number): { match: string; check: boolean } {
  if (text.length <= exactUpTo) return { match: phrase(text), check: false };
  const pieces = new Set<string>();
  for (let i = 0; i + n <= text.length; i += n) pieces.add(text.slice(i, i + n));
  pieces.add(text.slice(-n));
  return { match: [...pieces].map(phrase).join(' AND '), check: true };
}

/** Up to this length a trigram phrase is cheaper than pieces and a check (it has few tokens). */
const EXACT_NAME_PHRASE = 5;

/**
 * The name group's stream and the text group's streams for a query; none where it is too short.
 * Rows listed by an earlier group are left out in main rather than by the index (NOT): on a
 * first page the earlier group either filled the page or holds fewer than a page of rows.
 */
function indexStreams(t: Terms): { name: IndexStream[]; text: IndexStream[] } {
  const notIdentifier = (r: HitRow) => !isIdentifierHit(r, t);
  const nameHas = (r: HitRow, text: string) => nameSearchText(r.first_name, r.last_name).includes(text);
  // a trigram index matches three characters or more; the mark makes two typed letters enough
  const prefix = t.name.length >= 2 ? PREFIX_MARK + t.name : null;
  const notPrefixHit = (r: HitRow) => !(prefix && nameHas(r, prefix));
  const name: IndexStream[] = [];
  if (prefix) {
    const q = containing(prefix, 3, EXACT_NAME_PHRASE);
    name.push({ table: 'patient_search', match: q.match, keep: (r) => (!q.check || nameHas(r, prefix)) && notIdentifier(r) });
  }
  const text: IndexStream[] = [];
  if (t.name.length >= 3) {
    const q = containing(t.name, 3, EXACT_NAME_PHRASE);
    text.push({ table: 'patient_search', match: q.match, keep: (r) => (!q.check || nameHas(r, t.name)) && notIdentifier(r) && notPrefixHit(r) });
  }
  if (t.ids.length >= MIN_PIECE && PIECEABLE.test(t.ids)) {
    // whole pieces up to MAX_PIECE are exact; longer texts are checked (the index keeps no positions)
    const q = containing(t.ids, MAX_PIECE, MAX_PIECE);
    text.push({ table: 'patient_search_ids', match: q.match, keep: (r) => (!q.check || idsText(r).includes(t.ids)) && notIdentifier(r) && notPrefixHit(r) });
  }
  return { name, text };
}

const GROUPS: SearchMatch[] = ['identifier', 'name', 'text'];
const searchCursor = z.object({ g: z.number().int().min(0).max(2), r: cursorInt });

export async function searchPatients(db: Db, input: { q: string; pageSize: number; cursor?: string | null | undefined }): Promise<CursorPage<PatientHit>> {
  const t = termsOf(input.q);
  const streams = indexStreams(t);
  const start = decodeCursor(searchCursor, input.cursor) ?? { g: 0, r: Number.MIN_SAFE_INTEGER };
  const want = input.pageSize + 1; // one more than asked shows whether another page exists
  const found: { row: HitRow; group: number }[] = [];

  for (let g = start.g; g < GROUPS.length && found.length < want; g++) {
    const after = g === start.g ? start.r : Number.MIN_SAFE_INTEGER;
    const need = want - found.length;
    let rows: HitRow[] = [];
    if (g === 0) rows = await identifierHits(db, t, after, need);
    else rows = await mergedHits(db, g === 1 ? streams.name : streams.text, after, need);
    found.push(...rows.map((row) => ({ row, group: g })));
  }

  const page = found.slice(0, input.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(({ row, group }) => ({ ...toSummary(row), match: GROUPS[group]! })),
    nextCursor: found.length > input.pageSize && last ? encodeCursor({ g: last.group, r: last.row.name_rank }) : null,
  };
}
