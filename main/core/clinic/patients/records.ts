import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreatePatientResult, Patient, PatientFields } from '../../../../preload/contract/channels/patients';
import { auditActor, type ClinicHandlerContext } from '../../api/handler';
import { assertWithinLimit } from '../../api/limits';
import { queryShape } from '../../db/query-shape';
import { countActivePatients } from '../limit-counts';
import { AppError, validationError } from '../../errors';
import { changedFields, writeAudit } from '../audit';
import { clinicWrite } from '../clinic-write';
import type { TenantDB } from '../schema';
import { newAuditKey, sealChanges } from './audit-seal';
import { FIELD_COLUMNS, toColumns, toFields, toPatient } from './columns';
import { findDuplicates } from './duplicates';
import { createdCount, nextMrn, requireMrn } from './mrn';
import { PARKED_RANK, rankFor } from './name-rank';
import type { PatientRow } from './schema';
import { indexPatient, unindexPatient } from './search-index';

type Db = Kysely<TenantDB>;
export const ENTITY = 'patient';

/** Opening a record reads this on every call; compiled once (see query-shape.ts). */
const patientById = queryShape<TenantDB, 'id', PatientRow>((db, slot) => db.selectFrom('patients').selectAll().where('id', '=', slot('id')));

export async function loadPatient(db: Db, id: string): Promise<PatientRow> {
  const [row] = await patientById.execute(db, { id });
  if (!row) throw new AppError('NOT_FOUND', 'That patient does not exist in this clinic.');
  return row;
}

const NOT_ACTIVE: Record<Exclude<PatientRow['state'], 'active'>, string> = {
  deleted: 'This patient record was deleted; a manager can restore it.',
  merged: 'This patient record was merged into another; open that one instead.',
  erased: "This patient's personal data was erased.",
};

export async function loadActivePatient(db: Db, id: string): Promise<PatientRow> {
  const row = await loadPatient(db, id);
  if (row.state !== 'active') throw new AppError('CONFLICT', NOT_ACTIVE[row.state]);
  return row;
}

/** Dates of birth are checked against the clinic's clock, not the screen's. */
function checkDob(ctx: ClinicHandlerContext, dob: string | undefined): void {
  if (dob && dob > ctx.core.clock().toISOString().slice(0, 10)) {
    throw validationError('Some fields need attention.', { dob: 'The date of birth cannot be in the future.' });
  }
}

/**
 * The plan's patient limit, checked inside the adding transaction. The MRN counter bounds the
 * live count from above, so the real count (a scan at a million rows) runs only near the limit.
 */
async function checkPatientLimit(ctx: ClinicHandlerContext, db: Db): Promise<void> {
  const max = ctx.clinic.plan.max_patients;
  if (max === null || (await createdCount(db)) < max) return;
  assertWithinLimit(ctx, 'max_patients', await countActivePatients(db));
}

export async function createPatient(
  ctx: ClinicHandlerContext,
  input: PatientFields & { confirmDuplicate: boolean },
): Promise<CreatePatientResult> {
  checkDob(ctx, input.dob);
  const { confirmDuplicate, ...fields } = input;
  const duplicates = await findDuplicates(ctx.clinic.tenant.db, fields);
  if (duplicates.length && !confirmDuplicate) return { status: 'possible-duplicates', candidates: duplicates };

  const patient = await clinicWrite(ctx, async (w) => {
    await checkPatientLimit(ctx, w.trx);
    const { mrn, sequence } = await nextMrn(w.trx);
    const id = randomUUID();
    const columns = toColumns(fields);
    const row: PatientRow = {
      id,
      mrn,
      mrn_seq: sequence,
      name_rank: await rankFor(w.trx, columns.sort_key, id),
      ...columns,
      state: 'active',
      merged_into: null,
      created_at: w.now.toISOString(),
      updated_at: w.now.toISOString(),
      deleted_at: null,
      erased_at: null,
    };
    await w.trx.insertInto('patients').values(row).execute();
    await w.trx.insertInto('patient_audit_keys').values({ patient_id: id, key: newAuditKey() }).execute();
    await indexPatient(w.trx, row);
    await w.audit({
      action: 'create',
      entity: ENTITY,
      entityId: id,
      details: { mrn, ...(duplicates.length && { confirmedDespiteDuplicates: duplicates.map((d) => d.id) }) },
    });
    return row;
  });
  return { status: 'created', patient: toPatient(patient) };
}

/**
 * Writes new field values to an active patient: keeps the name order and the search index in
 * step and audits each changed field's old and new value (sealed, see audit-seal.ts).
 */
export async function writeFields(db: Db, before: PatientRow, fields: PatientFields, now: Date): Promise<{ row: PatientRow; changes: Record<string, [unknown, unknown]> }> {
  const columns = toColumns(fields);
  const oldFields = toFields(before);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, pair] of Object.entries(changedFields(oldFields, fields))) changes[FIELD_COLUMNS[field as keyof PatientFields]] = pair;
  if (!Object.keys(changes).length) return { row: before, changes };

  let nameRank = before.name_rank;
  const reindex = columns.sort_key !== before.sort_key || columns.phone_digits !== before.phone_digits || columns.national_id_key !== before.national_id_key;
  if (reindex) await unindexPatient(db, before.name_rank);
  if (columns.sort_key !== before.sort_key) {
    await db.updateTable('patients').set({ name_rank: PARKED_RANK }).where('id', '=', before.id).execute();
    nameRank = await rankFor(db, columns.sort_key, before.id);
  }
  const row: PatientRow = { ...before, ...columns, name_rank: nameRank, updated_at: now.toISOString() };
  await db.updateTable('patients').set({ ...columns, name_rank: nameRank, updated_at: row.updated_at }).where('id', '=', before.id).execute();
  if (reindex) await indexPatient(db, row);
  return { row, changes };
}

export async function updatePatient(ctx: ClinicHandlerContext, input: Partial<PatientFields> & { id: string }): Promise<Patient> {
  checkDob(ctx, input.dob);
  const { id, ...partial } = input;
  const row = await clinicWrite(ctx, async (w) => {
    const before = await loadActivePatient(w.trx, id);
    const fields = { ...toFields(before), ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
    const { row: after, changes } = await writeFields(w.trx, before, fields, w.now);
    if (Object.keys(changes).length) {
      await w.audit({ action: 'update', entity: ENTITY, entityId: id, changes: await sealChanges(w.trx, id, changes) });
    }
    return after;
  });
  return toPatient(row);
}

/** Opening a record is itself recorded: who looked at which patient, and when. */
async function opened(ctx: ClinicHandlerContext, row: PatientRow): Promise<Patient> {
  await writeAudit(ctx.clinic.tenant.db, auditActor(ctx.session), { action: 'view', entity: ENTITY, entityId: row.id }, ctx.core.clock());
  return toPatient(row);
}

export async function getPatient(ctx: ClinicHandlerContext, id: string): Promise<Patient> {
  return opened(ctx, await loadPatient(ctx.clinic.tenant.db, id));
}

export async function findPatientByMrn(ctx: ClinicHandlerContext, mrnText: string): Promise<Patient> {
  const mrn = requireMrn(mrnText);
  const row = await ctx.clinic.tenant.db.selectFrom('patients').selectAll().where('mrn', '=', mrn).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No patient has that MRN in this clinic.');
  return opened(ctx, row);
}

export async function deletePatient(ctx: ClinicHandlerContext, id: string): Promise<Patient> {
  const row = await clinicWrite(ctx, async (w) => {
    const before = await loadActivePatient(w.trx, id);
    const after: PatientRow = { ...before, state: 'deleted', deleted_at: w.now.toISOString(), updated_at: w.now.toISOString() };
    await w.trx.updateTable('patients').set({ state: 'deleted', deleted_at: after.deleted_at, updated_at: after.updated_at }).where('id', '=', id).execute();
    await unindexPatient(w.trx, before.name_rank);
    await w.audit({ action: 'delete', entity: ENTITY, entityId: id });
    return after;
  });
  return toPatient(row);
}

export async function restorePatient(ctx: ClinicHandlerContext, id: string): Promise<Patient> {
  const row = await clinicWrite(ctx, async (w) => {
    const before = await loadPatient(w.trx, id);
    if (before.state !== 'deleted') throw new AppError('CONFLICT', 'Only a deleted patient record can be restored.');
    await checkPatientLimit(ctx, w.trx);
    const after: PatientRow = { ...before, state: 'active', deleted_at: null, updated_at: w.now.toISOString() };
    await w.trx.updateTable('patients').set({ state: 'active', deleted_at: null, updated_at: after.updated_at }).where('id', '=', id).execute();
    await indexPatient(w.trx, after);
    await w.audit({ action: 'restore', entity: ENTITY, entityId: id });
    return after;
  });
  return toPatient(row);
}
