import { z } from 'zod';
import { channel } from '../define';
import type { ClinicMembership, SessionInfo } from './session';

export const clinicsChannels = {
  'clinics:listMine': channel<ClinicMembership[]>()(z.strictObject({})),
  /** Membership is checked in main; the answer is the new session. */
  'clinics:switch': channel<SessionInfo>()(z.strictObject({ clinicId: z.uuid('Choose a clinic.') })),
};
