import { z } from 'zod';
import { channel } from '../define';

export interface ClinicSettings {
  /** Automatic sign-out after this many minutes without activity (HIPAA automatic logoff). */
  idleTimeoutMinutes: number;
}

export const IDLE_TIMEOUT_MIN = 1;
export const IDLE_TIMEOUT_MAX = 240;

export const settingsChannels = {
  'settings:get': channel<ClinicSettings>()(z.strictObject({})),
  'settings:update': channel<ClinicSettings>()(
    z.strictObject({
      idleTimeoutMinutes: z
        .number('Enter a number of minutes.')
        .int('Use whole minutes.')
        .min(IDLE_TIMEOUT_MIN, `Use at least ${IDLE_TIMEOUT_MIN} minute.`)
        .max(IDLE_TIMEOUT_MAX, `Use at most ${IDLE_TIMEOUT_MAX} minutes.`),
    }),
  ),
};
