import { sql, type Kysely } from 'kysely';
import type { SqliteDb } from '../../db/sqlite';
import type { TenantDB } from '../schema';
import type { PatientRow } from './schema';
import { APOSTROPHES, words } from './fold';

/** Marks where a name (or a name from one of its words on) starts: "^smi" is a prefix match. */
export const PREFIX_MARK = '^';
const MAX_NAME_WORDS = 8;

/**
 * The name as the index holds it: every run of words from each word to the end, in both
 * "first last" and "last first" order, each marked where it starts. "Mary Ann Smith" becomes
 * "^mary ann smith ^ann smith ^smith mary ann": a prefix query for "smith m", "ann" or "mary a"
 * finds her, and so does any substring. Entries that begin another entry are left out.
 */
export function nameSearchText(firstName: string, lastName: string): string {
  const runs = new Set<string>();
  // O'Brien is found as "obrien" and as "o brien"
  for (const spaced of [false, true]) {
    const split = (name: string) => words(spaced ? name.replace(new RegExp(APOSTROPHES.source, 'g'), ' ') : name).slice(0, MAX_NAME_WORDS);
    const first = split(firstName);
    const last = split(lastName);
    for (const sequence of [
      [...first, ...last],
      [...last, ...first],
    ]) {
      for (let i = 0; i < sequence.length; i++) runs.add(sequence.slice(i).join(' '));
    }
    if (!APOSTROPHES.test(firstName + lastName)) break;
  }
  const kept = [...runs].filter((run) => ![...runs].some((other) => other !== run && other.startsWith(`${run} `)));
  return kept.map((run) => PREFIX_MARK + run).join(' ');
}

type IndexedFields = Pick<PatientRow, 'name_rank' | 'first_name' | 'last_name' | 'mrn' | 'phone_digits' | 'national_id_key'>;

/** Identifiers as searched: letters and digits only, lower case, space separated. */
export const idsText = (p: Pick<PatientRow, 'mrn' | 'phone_digits' | 'national_id_key'>): string =>
  [p.mrn, p.phone_digits, p.national_id_key].filter(Boolean).join(' ');

export const MIN_PIECE = 3;
export const MAX_PIECE = 5;

/**
 * Identifiers in the pieces index are ASCII letters and digits: the index's tokenizer keeps
 * those together as one token. Others (a national id in another script) are found exactly.
 */
export const PIECEABLE = /^[a-z0-9]+$/;

/** Every piece of MIN_PIECE to MAX_PIECE characters of each identifier (shorter ones whole). */
function idPieces(text: string): string[] {
  const pieces = new Set<string>();
  for (const value of text.split(' ').filter((v) => PIECEABLE.test(v))) {
    if (value.length < MIN_PIECE) pieces.add(value);
    for (let n = MIN_PIECE; n <= MAX_PIECE; n++) for (let i = 0; i + n <= value.length; i++) pieces.add(value.slice(i, i + n));
  }
  return [...pieces];
}

const entries = (p: IndexedFields) => ({ name: nameSearchText(p.first_name, p.last_name), pieces: idPieces(idsText(p)).join(' ') });

/** Only active patients are in the indexes: deleted, merged and erased ones are never found. */
export async function indexPatient(db: Kysely<TenantDB>, p: IndexedFields): Promise<void> {
  const e = entries(p);
  await sql`insert into patient_search (rowid, name) values (${p.name_rank}, ${e.name})`.execute(db);
  await sql`insert into patient_search_ids (rowid, pieces) values (${p.name_rank}, ${e.pieces})`.execute(db);
}

/**
 * indexPatient over a raw connection, for loading a million synthetic patients in the
 * benchmarks' set-up (through Kysely that alone would take many minutes). Same entries.
 */
export function rawIndexer(sqlite: SqliteDb): (p: IndexedFields) => void {
  const name = sqlite.prepare('insert into patient_search (rowid, name) values (?, ?)');
  const pieces = sqlite.prepare('insert into patient_search_ids (rowid, pieces) values (?, ?)');
  return (p) => {
    const e = entries(p);
    name.run(p.name_rank, e.name);
    pieces.run(p.name_rank, e.pieces);
  };
}

export async function unindexPatient(db: Kysely<TenantDB>, nameRank: number): Promise<void> {
  await sql`delete from patient_search where rowid = ${nameRank}`.execute(db);
  await sql`delete from patient_search_ids where rowid = ${nameRank}`.execute(db);
}

export const INDEXED_COLUMNS = ['name_rank', 'first_name', 'last_name', 'mrn', 'phone_digits', 'national_id_key'] as const;
