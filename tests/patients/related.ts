import { sql } from 'kysely';
import type { SignedIn } from '../helpers/api';
import { clinicDb } from './fixtures';

/**
 * Tables such as other modules add, made here so that merge, export and erasure are tested
 * against a schema they were not written for: a patient_id column, a foreign key under another
 * name, a child of a linked table, and free text named by the convention.
 */
export async function addRelatedTables(client: SignedIn): Promise<void> {
  await clinicDb(client, async (db) => {
    await sql`create table test_payments (id text primary key, patient_id text not null references patients(id), amount_minor integer not null, reference text, notes text)`.execute(db);
    await sql`create table test_payment_lines (id text primary key, payment_id text not null references test_payments(id), comment text not null, quantity integer not null)`.execute(db);
    await sql`create table test_referrals (id text primary key, referred_patient text references patients(id), reason text)`.execute(db);
  });
}

export async function addPayment(client: SignedIn, id: string, patientId: string, notes: string): Promise<void> {
  await clinicDb(client, async (db) => {
    await sql`insert into test_payments (id, patient_id, amount_minor, reference, notes) values (${id}, ${patientId}, 1500, ${`REF-${id}`}, ${notes})`.execute(db);
    await sql`insert into test_payment_lines (id, payment_id, comment, quantity) values (${`${id}-line`}, ${id}, ${`about ${notes}`}, 2)`.execute(db);
  });
}

export async function addReferral(client: SignedIn, id: string, patientId: string, reason: string): Promise<void> {
  await clinicDb(client, (db) => sql`insert into test_referrals (id, referred_patient, reason) values (${id}, ${patientId}, ${reason})`.execute(db));
}

export const rowsOf = (client: SignedIn, table: string) =>
  clinicDb(client, async (db) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)).rows);
