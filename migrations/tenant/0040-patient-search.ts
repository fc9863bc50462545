import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/**
 * The patient search indexes. Their rowid is the patient's alphabetical rank, so matches come
 * out in name order and a page stops after 50 without sorting every match. Both are
 * contentless: they hold no copy of the text, only what they need to find rows.
 *
 * - patient_search: trigrams of the name (each name word marked with ^ where it starts, for
 *   prefix matches), so any part of a name in any script is found.
 * - patient_search_ids: the 3-, 4- and 5-character pieces of the MRN, phone digits and
 *   national id as whole tokens. Digits have only a thousand trigrams, each in a few percent of
 *   patients (and a shared phone prefix in all of them), so a trigram phrase for a rare number
 *   walks long lists; a 5-character piece is rare, and the pieces of a longer number intersect
 *   in a few steps. No positions are kept (detail = none): a candidate is checked in main.
 */
export const patientSearch: Migration = {
  name: '0040-patient-search',
  async up(db: Kysely<unknown>) {
    await sql`create virtual table patient_search using fts5(name, content = '', contentless_delete = 1, tokenize = 'trigram')`.execute(db);
    await sql`create virtual table patient_search_ids using fts5(pieces, content = '', contentless_delete = 1, detail = none)`.execute(db);
  },
};
