import { z } from 'zod';
import { emailSchema, personNameSchema } from '../common-schemas';
import { ROLES, type Role } from '../vocabulary';
import { channel } from '../define';

/** A person with access to the active clinic, as its administrators see them. */
export interface ClinicUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  /** Disabled here; their other clinics are unaffected. */
  disabled: boolean;
  memberSince: string;
}

const role = z.enum(ROLES, 'Choose a role.');
const userId = z.uuid('Choose a user.');

export const usersChannels = {
  'users:list': channel<ClinicUser[]>()(z.strictObject({})),
  'users:create': channel<ClinicUser>()(
    z.strictObject({ email: emailSchema, fullName: personNameSchema, password: z.string().max(1024, 'Too long.'), role }),
  ),
  /** Gives someone who already has an account (in another clinic) access to this one. */
  'users:addExisting': channel<ClinicUser>()(z.strictObject({ email: emailSchema, role })),
  'users:changeRole': channel<ClinicUser>()(z.strictObject({ userId, role })),
  'users:disable': channel<ClinicUser>()(z.strictObject({ userId })),
  'users:enable': channel<ClinicUser>()(z.strictObject({ userId })),
};
