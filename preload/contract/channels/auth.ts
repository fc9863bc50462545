import { z } from 'zod';
import { currencySchema, emailSchema, personNameSchema, timezoneSchema } from '../common-schemas';
import { channel } from '../define';
import type { SessionInfo } from './session';

/** Long enough for any policy-valid password; bounds the hashing work one call can ask for. */
const passwordInput = z.string().min(1, 'Required.').max(1024, 'Too long.');

export const authChannels = {
  /** Creates a clinic with its owner and signs the owner in. */
  'auth:registerClinic': channel<SessionInfo>()(
    z.strictObject({
      name: z.string().trim().min(1, 'Required.').max(120, 'Use at most 120 characters.'),
      contactEmail: emailSchema,
      slug: z.string().optional(),
      plan: z.string().trim().min(1).max(40).optional(),
      timezone: timezoneSchema.optional(),
      currency: currencySchema.optional(),
      owner: z.strictObject({ email: emailSchema, fullName: personNameSchema, password: passwordInput }),
    }),
  ),
  'auth:signIn': channel<SessionInfo>()(z.strictObject({ email: z.string().trim().min(1, 'Required.').max(254), password: passwordInput })),
  'auth:signOut': channel<null>()(z.strictObject({})),
  'auth:changePassword': channel<null>()(z.strictObject({ currentPassword: passwordInput, newPassword: passwordInput })),
};
