import { AppError } from '../../errors';
import type { ClinicWrite } from '../clinic-write';

/** Clinic tables whose rows are hidden, never removed, and can be brought back by a manager. */
type SoftDeletable = 'regions' | 'hospitals' | 'doctors' | 'appointments';

/** What the person at the screen calls a row of each table. */
export const ENTITY: Record<SoftDeletable, string> = {
  regions: 'region',
  hospitals: 'hospital',
  doctors: 'doctor',
  appointments: 'appointment',
};

export const notFound = (table: SoftDeletable): AppError => new AppError('NOT_FOUND', `That ${ENTITY[table]} was not found.`);

/** Hides a row (a deleted one counts as not found) and writes the audit entry. */
export async function markDeleted(w: ClinicWrite, table: SoftDeletable, id: string): Promise<void> {
  const stamp = w.now.toISOString();
  const result = await w.trx
    .updateTable(table)
    .set({ deleted_at: stamp, updated_at: stamp })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!Number(result.numUpdatedRows)) throw notFound(table);
  await w.audit({ action: 'delete', entity: ENTITY[table], entityId: id });
}

/**
 * Brings a deleted row back and writes the audit entry. Checks that depend on the table (its
 * parent still there, no clash) run before this, in the same transaction.
 */
export async function markRestored(w: ClinicWrite, table: SoftDeletable, id: string): Promise<void> {
  const result = await w.trx
    .updateTable(table)
    .set({ deleted_at: null, updated_at: w.now.toISOString() })
    .where('id', '=', id)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  if (!Number(result.numUpdatedRows)) {
    const exists = await w.trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw notFound(table);
    throw new AppError('CONFLICT', `That ${ENTITY[table]} is not deleted.`);
  }
  await w.audit({ action: 'restore', entity: ENTITY[table], entityId: id });
}
