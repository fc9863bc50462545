import { sql, type Kysely } from 'kysely';
import type { Patient } from '../../../../preload/contract/channels/patients';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError, validationError } from '../../errors';
import { clinicWrite } from '../clinic-write';
import type { TenantDB } from '../schema';
import { toPatient } from './columns';
import { sortKey } from './fold';
import { parseMrn } from './mrn';
import { PARKED_RANK, rankFor } from './name-rank';
import { ENTITY, loadPatient } from './records';
import { belongsTo, patientLinks, tableColumns, type ChildLink, type PatientLink } from './related-tables';
import type { PatientRow } from './schema';
import { unindexPatient } from './search-index';

/**
 * Free text about the patient in other modules' rows (visit notes, reasons, comments), found by
 * column name: the convention every module follows for such text. Amounts, dates, statuses and
 * references stay, because records that law requires to be kept are anonymised, not removed.
 */
const FREE_TEXT = /^(notes?|comments?|reason)$|_(notes?|comments?|reason)$/;

/** This record and every record merged into it, however long ago: all are the same person. */
async function samePerson(db: Kysely<TenantDB>, id: string): Promise<string[]> {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) {
    const merged = await db.selectFrom('patients').select('id').where('merged_into', '=', ids[i]!).execute();
    ids.push(...merged.map((m) => m.id));
  }
  return ids;
}

async function clearFreeText(db: Kysely<TenantDB>, target: PatientLink | ChildLink, ids: string[]): Promise<number> {
  const columns = (await tableColumns(db, target.table)).filter((c) => FREE_TEXT.test(c.name) && /text|char|clob|^$/i.test(c.type));
  if (!columns.length) return 0;
  const assignments = sql.join(columns.map((c) => sql`${sql.ref(c.name)} = ${c.notnull ? '' : null}`));
  const result = await sql`update ${sql.table(target.table)} set ${assignments} where ${belongsTo(target, ids)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const ERASED: Partial<PatientRow> = {
  first_name: '',
  last_name: '',
  first_sx: '',
  last_sx: '',
  dob: null,
  dob_approximate: 0,
  sex: 'unknown',
  phone: null,
  phone_digits: null,
  email: null,
  email_key: null,
  address: null,
  national_id: null,
  national_id_key: null,
  emergency_contact_name: null,
  emergency_contact_phone: null,
  insurance_provider: null,
  insurance_policy_number: null,
  allergies: null,
  notes: null,
  merged_into: null,
};

/**
 * Privacy erasure on request. The patient row stays, with its MRN and no personal data, so the
 * appointments and payments that law requires to be kept still add up; free text in them is
 * cleared. The key sealing the patient's values in the audit trail is deleted, so old entries
 * keep who did what and when but no longer reveal the values. Pages freed meanwhile are zeroed.
 */
export async function erasePatient(ctx: ClinicHandlerContext, id: string, confirmMrn: string): Promise<Patient> {
  ctx.clinic.tenant.sqlite.pragma('secure_delete = ON');
  try {
    return await clinicWrite(ctx, async (w) => {
      // checked inside the write transaction: a merge committing in between would otherwise
      // carry the data being erased into the surviving record
      const target = await loadPatient(w.trx, id);
      if (parseMrn(confirmMrn) !== target.mrn) throw validationError('Type the patient’s MRN to confirm.', { confirmMrn: 'This is not the MRN of this patient.' });
      if (target.state === 'erased') throw new AppError('CONFLICT', "This patient's personal data was already erased.");
      if (target.state === 'merged') throw new AppError('CONFLICT', 'This record was merged into another; erase that one instead.');
      const ids = await samePerson(w.trx, id);
      const { links, children } = await patientLinks(w.trx);
      const cleared: Record<string, number> = {};
      for (const link of [...links, ...children]) {
        const n = await clearFreeText(w.trx, link, ids);
        if (n) cleared[link.table] = (cleared[link.table] ?? 0) + n;
      }
      let result: PatientRow = target;
      for (const pid of ids) {
        const row = await loadPatient(w.trx, pid);
        if (row.state === 'active') await unindexPatient(w.trx, row.name_rank);
        // erased records sort first and keep no trace of the name in their place in the order
        await w.trx.updateTable('patients').set({ name_rank: PARKED_RANK }).where('id', '=', pid).execute();
        const erased: PatientRow = {
          ...row,
          ...ERASED,
          sort_key: sortKey('', ''),
          name_rank: await rankFor(w.trx, sortKey('', ''), pid),
          state: 'erased',
          updated_at: w.now.toISOString(),
          erased_at: w.now.toISOString(),
        };
        await w.trx.updateTable('patients').set(erased).where('id', '=', pid).execute();
        if (pid === id) result = erased;
      }
      await w.trx.deleteFrom('patient_audit_keys').where('patient_id', 'in', ids).execute();
      await w.audit({ action: 'erase', entity: ENTITY, entityId: id, details: { mrn: target.mrn, records: ids.length, cleared } });
      return toPatient(result);
    });
  } finally {
    ctx.clinic.tenant.sqlite.pragma('secure_delete = OFF');
  }
}
