import type { Kysely } from 'kysely';
import type { TenantDB } from './schema';

/**
 * What a plan's limits count, in one place: adding a record and moving to a smaller plan must
 * agree on it. Inactive and deleted doctors, and merged, deleted or erased patients, do not count.
 */
export async function countActiveDoctors(db: Kysely<TenantDB>, exceptId?: string): Promise<number> {
  let query = db
    .selectFrom('doctors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', 1)
    .where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function countActivePatients(db: Kysely<TenantDB>): Promise<number> {
  const row = await db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'active').executeTakeFirstOrThrow();
  return Number(row.n);
}
