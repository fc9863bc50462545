import type { Core } from '../core';
import { AppError } from '../errors';
import type { ClinicRow } from '../master/schema';
import type { ClinicProfile } from './inspect-file';

export type ClinicRecord = Pick<ClinicRow, 'id' | 'slug' | 'name' | 'contact_email' | 'timezone' | 'currency' | 'status'>;

/** A registered clinic (not one still being registered), by id or by its code. */
export async function findClinic(core: Core, by: { id: string } | { slug: string }): Promise<ClinicRecord> {
  const query = core.master
    .selectFrom('clinics')
    .select(['id', 'slug', 'name', 'contact_email', 'timezone', 'currency', 'status'])
    .where('provisioning_state', '=', 'ready');
  const clinic = await ('id' in by ? query.where('id', '=', by.id) : query.where('slug', '=', by.slug)).executeTakeFirst();
  if (!clinic) throw new AppError('NOT_FOUND', 'No clinic has that code.', { slug: 'Unknown clinic.' });
  return clinic;
}

/** An archived clinic's file is in the archive: nothing can be copied from or into its place. */
export function assertNotArchived(clinic: ClinicRecord): void {
  if (clinic.status === 'archived') throw new AppError('CONFLICT', 'That clinic is archived; unarchive it first.');
}

export const profileOf = (clinic: ClinicRecord): ClinicProfile => ({
  name: clinic.name,
  contactEmail: clinic.contact_email,
  timezone: clinic.timezone,
  currency: clinic.currency,
});
