import { z } from 'zod';
import { channel } from '../define';

export interface ArchivedClinicInfo {
  clinicId: string;
  slug: string;
  name: string;
  archivedAt: string;
  /** After this the clinic is purged and can no longer be brought back. */
  purgeAfter: string;
}

export const archiveChannels = {
  /**
   * Archives the active clinic (an owner's decision, e.g. after cancelling): nobody can sign in
   * to it any more; it can be brought back until its retention period ends. The clinic's code
   * must be typed to confirm.
   */
  'archive:clinic': channel<ArchivedClinicInfo>()(z.strictObject({ confirmSlug: z.string().max(63) })),
  /** Archived clinics the caller owns. */
  'archive:list': channel<ArchivedClinicInfo[]>()(z.strictObject({})),
  'archive:unarchive': channel<null>()(z.strictObject({ clinicId: z.uuid('Choose an archived clinic.') })),
};
