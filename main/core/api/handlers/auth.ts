import { AppError, validationError } from '../../errors';
import { checkPasswordPolicy, hashPassword } from '../../auth/password';
import { describeSession } from '../../auth/session-info';
import { checkPassword, findUserByEmail, SIGN_IN_FAILED } from '../../auth/sign-in';
import { listWorkableClinics } from '../../master/access';
import { registerClinic } from '../../tenancy/register-clinic';
import { publicHandler, sessionHandler, type HandlerTable } from '../handler';

export const authHandlers = {
  'auth:registerClinic': publicHandler(async (ctx, input) => {
    const { core } = ctx;
    // an existing account joins with its password, checked under the same lockout as sign-in,
    // so registration cannot be used to guess someone's password
    const existing = await findUserByEmail(core, input.owner.email);
    if (existing && !(await checkPassword(core, existing, input.owner.password))) {
      throw new AppError('CONFLICT', 'A user with this email already exists; give their current password to add the clinic to their account.', {
        'owner.email': 'Already registered.',
      });
    }
    const clinic = await registerClinic(core, { ...input, owner: existing ? { userId: existing.id } : input.owner });
    const owner = await core.master.selectFrom('users').select(['id', 'email', 'full_name']).where('id', '=', clinic.ownerId).executeTakeFirstOrThrow();
    await core.master.updateTable('users').set({ last_clinic_id: clinic.id }).where('id', '=', owner.id).execute();
    const session = ctx.sessions.start(ctx.caller, { id: owner.id, email: owner.email, fullName: owner.full_name }, clinic.id);
    return describeSession(core, session);
  }),

  'auth:signIn': publicHandler(async (ctx, input) => {
    const { core } = ctx;
    const user = await findUserByEmail(core, input.email);
    const passed = await checkPassword(core, user, input.password);
    const clinics = passed && user && !user.disabled ? await listWorkableClinics(core.master, user.id) : [];
    const first = clinics[0];
    if (!user || !first) throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED);
    const clinicId = clinics.find((c) => c.id === user.last_clinic_id)?.id ?? first.id;
    const session = ctx.sessions.start(ctx.caller, { id: user.id, email: user.email, fullName: user.full_name }, clinicId);
    return describeSession(core, session);
  }),

  'auth:signOut': publicHandler(async (ctx) => {
    ctx.sessions.end(ctx.caller, 'signed-out');
    return null;
  }),

  'auth:changePassword': sessionHandler(async (ctx, input) => {
    const { core, session } = ctx;
    checkPasswordPolicy(input.newPassword, 'newPassword');
    if (input.newPassword === input.currentPassword) {
      throw validationError('Choose a new password.', { newPassword: 'Choose a password different from the current one.' });
    }
    const user = await core.master.selectFrom('users').selectAll().where('id', '=', session.userId).executeTakeFirst();
    if (!(await checkPassword(core, user, input.currentPassword))) {
      throw validationError('The current password is not correct, or the account is locked for a while.', { currentPassword: 'Not correct.' });
    }
    const hash = await hashPassword(input.newPassword, core.scrypt);
    await core.master.updateTable('users').set({ password_hash: hash }).where('id', '=', session.userId).execute();
    // whoever else is signed in with the old password is signed out
    ctx.sessions.endWhere('signed-out', (s, caller) => s.userId === session.userId && caller !== ctx.caller);
    return null;
  }),
} satisfies Partial<HandlerTable>;
