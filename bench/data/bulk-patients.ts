import type { Faker } from '@faker-js/faker';
import { newAuditKey } from '../../main/core/clinic/patients/audit-seal';
import { toColumns } from '../../main/core/clinic/patients/columns';
import { mrnFor } from '../../main/core/clinic/patients/mrn';
import type { PatientRow } from '../../main/core/clinic/patients/schema';
import { indexPatient } from '../../main/core/clinic/patients/search-index';
import type { TenantDB } from '../../main/core/clinic/schema';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { openSqlite } from '../../main/core/db/sqlite';
import { peopleSource } from './people';

/** A patient the benchmark later looks for, by what a person would type. */
export interface KnownPatient {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  mrn: string;
  dob: string;
}

const BATCH = 50_000;
/** Ranks as the product spreads them: one gap of 2^32 per patient, in name order. */
const RANK_GAP = 2 ** 32;

/**
 * Fills a closed clinic file with `count` patients, rows exactly as patients:create writes
 * them (columns, MRN, name rank, audit key, and the search index through the product's own
 * indexPatient), inserted in bulk: creating a million through the handler would take hours.
 * Durability is off for the load only; the file is checkpointed and closed afterwards.
 */
export async function fillPatients(file: string, count: number, faker: Faker, now: Date): Promise<KnownPatient[]> {
  const source = peopleSource(faker);
  const at = now.toISOString();
  const rows: PatientRow[] = [];
  for (let seq = 1; seq <= count; seq++) {
    rows.push({
      id: faker.string.uuid(),
      mrn: mrnFor(seq),
      mrn_seq: seq,
      name_rank: 0,
      ...toColumns(source.next()),
      state: 'active',
      merged_into: null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      erased_at: null,
    });
  }
  rows.sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.id < b.id ? -1 : 1));
  rows.forEach((row, i) => (row.name_rank = RANK_GAP * (i + 1)));

  const sqlite = openSqlite(file);
  const db = kyselyOver<TenantDB>(sqlite);
  try {
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -262144');
    const columns = Object.keys(rows[0] ?? {});
    const insert = sqlite.prepare(`insert into patients (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    const key = sqlite.prepare('insert into patient_audit_keys (patient_id, key) values (?, ?)');
    for (let i = 0; i < rows.length; i += BATCH) {
      sqlite.exec('begin');
      for (const row of rows.slice(i, i + BATCH)) {
        insert.run(row);
        key.run(row.id, newAuditKey());
        await indexPatient(db, row);
      }
      sqlite.exec('commit');
    }
    sqlite.prepare('update mrn_sequence set last_value = ?').run(count);
    sqlite.pragma('synchronous = FULL');
  } finally {
    await db.destroy();
  }
  return faker.helpers.arrayElements(rows, Math.min(rows.length, 500)).map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone ?? '',
    mrn: r.mrn,
    dob: r.dob ?? '',
  }));
}
