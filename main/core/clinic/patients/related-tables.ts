import { sql, type Kysely } from 'kysely';
import type { TenantDB } from '../schema';

/**
 * Which tables hold rows about a patient, read from the schema itself rather than listed here,
 * so that merge, export and erasure stay right as modules add tables: a column named
 * patient_id or a foreign key to patients(id). Tables that point at such a table (an
 * appointment's status history) are that table's children.
 */
export interface PatientLink {
  table: string;
  column: string;
}

export interface ChildLink {
  table: string;
  column: string;
  parent: PatientLink;
  parentColumn: string;
}

interface TableColumn {
  name: string;
  type: string;
  notnull: number;
}

/** The patients module's own tables, handled by name. */
const OWN = new Set(['patients', 'patient_audit_keys', 'mrn_sequence', 'audit_log', 'clinic_identity', 'medadmin_migrations']);

async function userTables(db: Kysely<TenantDB>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !OWN.has(name) && !name.startsWith('patient_search'));
}

export async function tableColumns(db: Kysely<TenantDB>, table: string): Promise<TableColumn[]> {
  return (await sql<TableColumn>`select name, type, "notnull" from pragma_table_info(${table})`.execute(db)).rows;
}

async function foreignKeys(db: Kysely<TenantDB>, table: string): Promise<{ from: string; table: string; to: string | null }[]> {
  return (await sql<{ from: string; table: string; to: string | null }>`select "from", "table", "to" from pragma_foreign_key_list(${table})`.execute(db)).rows;
}

export async function patientLinks(db: Kysely<TenantDB>): Promise<{ links: PatientLink[]; children: ChildLink[] }> {
  const tables = await userTables(db);
  const links: PatientLink[] = [];
  const keys = new Map<string, { from: string; table: string; to: string | null }[]>();
  for (const table of tables) {
    const fks = await foreignKeys(db, table);
    keys.set(table, fks);
    const columns = new Set((await tableColumns(db, table)).filter((c) => c.name === 'patient_id').map((c) => c.name));
    for (const fk of fks) if (fk.table === 'patients') columns.add(fk.from);
    for (const column of columns) links.push({ table, column });
  }
  const children: ChildLink[] = [];
  for (const [table, fks] of keys) {
    for (const fk of fks) {
      const parent = links.find((l) => l.table === fk.table);
      if (parent && table !== fk.table) children.push({ table, column: fk.from, parent, parentColumn: fk.to ?? 'rowid' });
    }
  }
  return { links, children };
}

/** The condition selecting a linked or child table's rows that belong to any of `ids`. */
export function belongsTo(target: PatientLink | ChildLink, ids: string[]) {
  return 'parent' in target
    ? sql<boolean>`${sql.ref(target.column)} in (select ${sql.ref(target.parentColumn)} from ${sql.table(target.parent.table)} where ${sql.ref(target.parent.column)} in (${sql.join(ids)}))`
    : sql<boolean>`${sql.ref(target.column)} in (${sql.join(ids)})`;
}

/** Every linked and child table, each with the query for its rows that belong to any of `ids`. */
export const relatedRowQueries = (found: { links: PatientLink[]; children: ChildLink[] }, ids: string[]) =>
  [...found.links, ...found.children].map((target) => ({
    target,
    query: sql<Record<string, unknown>>`select * from ${sql.table(target.table)} where ${belongsTo(target, ids)}`,
  }));
