import type { Core } from '../core';
import { AppError } from '../errors';
import type { ClinicRow } from '../master/schema';

/**
 * The clinic an administrator names by its code. Clinics still being registered are not
 * visible yet. The slug is only ever a bound value here, so no check is needed to look it up.
 */
export async function clinicBySlug(core: Core, slug: string): Promise<Pick<ClinicRow, 'id' | 'slug' | 'db_name' | 'status'>> {
  const clinic = await core.master
    .selectFrom('clinics')
    .select(['id', 'slug', 'db_name', 'status'])
    .where('slug', '=', slug)
    .where('provisioning_state', '=', 'ready')
    .executeTakeFirst();
  if (!clinic) throw new AppError('NOT_FOUND', 'No clinic has that code.', { slug: 'Unknown clinic.' });
  return clinic;
}
