import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { PatientExport } from '../../../../preload/contract/channels/patients';
import { auditActor, type ClinicHandlerContext } from '../../api/handler';
import { writeAudit } from '../audit';
import type { TenantDB } from '../schema';
import { revealChanges } from './audit-seal';
import { toPatient } from './columns';
import { ENTITY, loadPatient } from './records';
import { patientLinks, relatedRowQueries } from './related-tables';

type Row = Record<string, unknown>;

function toCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return stringify([columns, ...rows.map((r) => columns.map((c) => cell(r[c])))]);
}

/** The patient's audit entries with their sealed values opened, and entries about their other rows. */
async function auditTrail(db: Kysely<TenantDB>, patientIds: string[], otherIds: string[]): Promise<Row[]> {
  const entityIds = [...patientIds, ...otherIds];
  const entries = [];
  // in slices: SQLite takes at most 32766 bound values in one statement
  for (let i = 0; i < entityIds.length; i += 500) {
    entries.push(...(await db.selectFrom('audit_log').selectAll().where('entity_id', 'in', entityIds.slice(i, i + 500)).execute()));
  }
  entries.sort((a, b) => a.id - b.id);
  const rows: Row[] = [];
  for (const e of entries) {
    const isPatient = e.entity === ENTITY && e.entity_id !== null && patientIds.includes(e.entity_id);
    const changes = isPatient ? await revealChanges(db, e.entity_id!, e.changes) : e.changes ? (JSON.parse(e.changes) as unknown) : null;
    rows.push({ ...e, changes, details: e.details ? (JSON.parse(e.details) as unknown) : null });
  }
  return rows;
}

/**
 * Everything held about a patient (their record and the records merged into it, every row of
 * every table that refers to them and those rows' children, and their audit trail) as one
 * JSON document and one CSV per kind. The export itself is audited.
 */
export async function exportPatient(ctx: ClinicHandlerContext, id: string): Promise<PatientExport> {
  const db = ctx.clinic.tenant.db;
  const patient = await loadPatient(db, id);
  const records = [patient, ...(await db.selectFrom('patients').selectAll().where('merged_into', '=', id).execute())];
  const ids = records.map((r) => r.id);
  const related: Record<string, Row[]> = {};
  for (const { target, query } of relatedRowQueries(await patientLinks(db), ids)) {
    const rows = (await query.execute(db)).rows;
    if (rows.length) related[target.table] = [...(related[target.table] ?? []), ...rows];
  }
  const relatedIds = Object.values(related).flatMap((rows) => rows.flatMap((r) => (typeof r.id === 'string' ? [r.id] : [])));
  const audit = await auditTrail(db, ids, relatedIds);
  const now = ctx.core.clock();
  const document = { exportedAt: now.toISOString(), clinic: ctx.clinic.name, patient: toPatient(patient), mergedRecords: records.slice(1).map(toPatient), related, audit };

  await writeAudit(db, auditActor(ctx.session), { action: 'export', entity: ENTITY, entityId: id }, now);
  return {
    baseName: `patient-${patient.mrn}`,
    json: JSON.stringify(document, null, 2),
    csv: [
      { name: 'patient', content: toCsv(records.map((r) => ({ ...toPatient(r) }))) },
      ...Object.entries(related).map(([table, rows]) => ({ name: table, content: toCsv(rows) })),
      { name: 'audit', content: toCsv(audit) },
    ],
  };
}
