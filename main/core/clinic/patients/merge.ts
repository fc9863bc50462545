import { sql } from 'kysely';
import type { MergeResult, PatientFields } from '../../../../preload/contract/channels/patients';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { clinicWrite } from '../clinic-write';
import { sealChanges } from './audit-seal';
import { toFields, toPatient } from './columns';
import { ENTITY, loadActivePatient, writeFields } from './records';
import { patientLinks } from './related-tables';
import { unindexPatient } from './search-index';

/** Clinical free text is never dropped in a merge: both records' text is kept, labelled. */
const JOINED: readonly (keyof PatientFields)[] = ['allergies', 'notes'];

/**
 * The survivor keeps its own values; fields it lacks are taken from the other record, and
 * allergies and notes are joined so that nothing clinically relevant is lost.
 */
function mergedFields(survivor: PatientFields, other: PatientFields, otherMrn: string): PatientFields {
  const merged = { ...survivor } as Record<keyof PatientFields, unknown>;
  for (const key of Object.keys(survivor) as (keyof PatientFields)[]) {
    const mine = survivor[key];
    const theirs = other[key];
    if (theirs === null || theirs === '' || theirs === mine) continue;
    if (mine === null || mine === '') merged[key] = theirs;
    else if (JOINED.includes(key)) merged[key] = `${String(mine)}\n\n[From merged record ${otherMrn}]\n${String(theirs)}`;
  }
  return merged as PatientFields;
}

const isConstraintError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');

/**
 * Merges `otherId` into `survivorId` in one transaction: every row of every table that refers
 * to a patient moves to the survivor, records merged into the other earlier now point at the
 * survivor, and the other is archived (state merged) and leaves the search index.
 */
export async function mergePatients(ctx: ClinicHandlerContext, survivorId: string, otherId: string): Promise<MergeResult> {
  return clinicWrite(ctx, async (w) => {
    const survivor = await loadActivePatient(w.trx, survivorId);
    const other = await loadActivePatient(w.trx, otherId);
    const moved: Record<string, number> = {};
    const { links } = await patientLinks(w.trx);
    for (const link of links) {
      try {
        const result = await sql`update ${sql.table(link.table)} set ${sql.ref(link.column)} = ${survivorId} where ${sql.ref(link.column)} = ${otherId}`.execute(w.trx);
        const n = Number(result.numAffectedRows ?? 0);
        if (n) moved[link.table] = (moved[link.table] ?? 0) + n;
      } catch (err) {
        if (isConstraintError(err)) throw new AppError('CONFLICT', 'These records cannot be merged automatically: both have a record that may exist only once per patient.');
        throw err;
      }
    }
    await w.trx.updateTable('patients').set({ merged_into: survivorId }).where('merged_into', '=', otherId).execute();

    const { row, changes } = await writeFields(w.trx, survivor, mergedFields(toFields(survivor), toFields(other), other.mrn), w.now);
    await unindexPatient(w.trx, other.name_rank);
    await w.trx.updateTable('patients').set({ state: 'merged', merged_into: survivorId, updated_at: w.now.toISOString() }).where('id', '=', otherId).execute();

    await w.audit({
      action: 'merge',
      entity: ENTITY,
      entityId: survivorId,
      ...(Object.keys(changes).length && { changes: await sealChanges(w.trx, survivorId, changes) }),
      details: { mergedId: otherId, mergedMrn: other.mrn, moved },
    });
    await w.audit({ action: 'archive', entity: ENTITY, entityId: otherId, details: { mergedInto: survivorId, survivorMrn: survivor.mrn } });
    return { survivor: toPatient(row), moved };
  });
}
