import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ClinicUser } from '../../../../preload/contract/channels/users';
import { checkPasswordPolicy, hashPassword } from '../../auth/password';
import { findUserByEmail } from '../../auth/sign-in';
import { AppError } from '../../errors';
import { countActiveMembers, findClinicUser, listClinicUsers } from '../../master/memberships';
import type { MasterDB, Role } from '../../master/schema';
import { emailKey } from '../../master/users';
import { auditedMasterChange } from '../audited-change';
import { clinicControl, clinicReader, clinicWriter, type ClinicHandlerContext, type HandlerTable } from '../handler';
import { assertWithinLimit } from '../limits';

/** Only an owner may make someone an owner or change an owner's access. */
function assertMayManage(ctx: ClinicHandlerContext, ...roles: Role[]): void {
  if (ctx.clinic.role !== 'owner' && roles.includes('owner')) {
    throw new AppError('FORBIDDEN', "Only an owner can grant or change an owner's access.");
  }
}

async function memberOrThrow(master: Transaction<MasterDB>, clinicId: string, userId: string): Promise<ClinicUser> {
  const member = await findClinicUser(master, clinicId, userId);
  if (!member) throw new AppError('NOT_FOUND', 'That user has no access to this clinic.');
  return member;
}

/** A clinic never loses its last active owner: someone must be able to renew and administer it. */
async function assertNotLastOwner(master: Transaction<MasterDB>, clinicId: string, member: ClinicUser): Promise<void> {
  if (member.role === 'owner' && !member.disabled && (await countActiveMembers(master, clinicId, 'owner')) <= 1) {
    throw new AppError('CONFLICT', 'This is the clinic’s only active owner. Make someone else an owner first.');
  }
}

const emailTaken = () =>
  new AppError('CONFLICT', 'Someone already has an account with this email.', { email: 'Already has an account: add them as an existing user.' });

export const usersHandlers = {
  'users:list': clinicReader('users:read', async (ctx) => listClinicUsers(ctx.core.master, ctx.clinic.id)),

  'users:create': clinicWriter('users:manage', async (ctx, input) => {
    assertMayManage(ctx, input.role);
    checkPasswordPolicy(input.password);
    // checked again in the transaction; this early answer spares the slow hash
    if (await findUserByEmail(ctx.core, input.email)) throw emailTaken();
    const hash = await hashPassword(input.password, ctx.core.scrypt);
    const now = ctx.core.clock().toISOString();
    return auditedMasterChange(ctx, async (master) => {
      assertWithinLimit(ctx, 'max_users', await countActiveMembers(master, ctx.clinic.id));
      const id = randomUUID();
      const taken = await master.selectFrom('users').select('id').where('email_key', '=', emailKey(input.email)).executeTakeFirst();
      if (taken) throw emailTaken();
      await master
        .insertInto('users')
        .values({ id, email: input.email, email_key: emailKey(input.email), full_name: input.fullName, password_hash: hash, failed_signins: 0, disabled: 0, created_at: now })
        .execute();
      await master.insertInto('memberships').values({ user_id: id, clinic_id: ctx.clinic.id, role: input.role, created_at: now }).execute();
      return { value: await memberOrThrow(master, ctx.clinic.id, id), audit: { action: 'create', entity: 'user', entityId: id, details: { role: input.role } } };
    });
  }),

  'users:addExisting': clinicWriter('users:manage', async (ctx, input) => {
    assertMayManage(ctx, input.role);
    return auditedMasterChange(ctx, async (master) => {
      const user = await master.selectFrom('users').select(['id', 'disabled']).where('email_key', '=', emailKey(input.email)).executeTakeFirst();
      if (!user) throw new AppError('NOT_FOUND', 'No account uses this email.', { email: 'No account uses this email: create a new user instead.' });
      if (user.disabled) throw new AppError('CONFLICT', 'This account is disabled.', { email: 'This account is disabled.' });
      const existing = await findClinicUser(master, ctx.clinic.id, user.id);
      if (existing) {
        throw new AppError('CONFLICT', 'This person already belongs to this clinic.', {
          email: existing.disabled ? 'Their access here is disabled: enable it instead.' : 'Already has access to this clinic.',
        });
      }
      assertWithinLimit(ctx, 'max_users', await countActiveMembers(master, ctx.clinic.id));
      await master.insertInto('memberships').values({ user_id: user.id, clinic_id: ctx.clinic.id, role: input.role, created_at: ctx.core.clock().toISOString() }).execute();
      return { value: await memberOrThrow(master, ctx.clinic.id, user.id), audit: { action: 'add', entity: 'user', entityId: user.id, details: { role: input.role } } };
    });
  }),

  'users:changeRole': clinicWriter('users:manage', async (ctx, input) =>
    auditedMasterChange(ctx, async (master) => {
      const member = await memberOrThrow(master, ctx.clinic.id, input.userId);
      assertMayManage(ctx, member.role, input.role);
      if (member.role === input.role) return { value: member, audit: null };
      if (input.role !== 'owner') await assertNotLastOwner(master, ctx.clinic.id, member);
      await master.updateTable('memberships').set({ role: input.role }).where('clinic_id', '=', ctx.clinic.id).where('user_id', '=', member.id).execute();
      return {
        value: await memberOrThrow(master, ctx.clinic.id, member.id),
        audit: { action: 'update', entity: 'user', entityId: member.id, changes: { role: [member.role, input.role] } },
      };
    }),
  ),

  // a security control: works while the subscription is read-only, and affects this clinic only
  'users:disable': clinicControl('users:manage', async (ctx, input) => {
    const updated = await auditedMasterChange(ctx, async (master) => {
      const member = await memberOrThrow(master, ctx.clinic.id, input.userId);
      assertMayManage(ctx, member.role);
      if (member.disabled) return { value: member, audit: null };
      await assertNotLastOwner(master, ctx.clinic.id, member);
      await master.updateTable('memberships').set({ disabled: 1 }).where('clinic_id', '=', ctx.clinic.id).where('user_id', '=', member.id).execute();
      return { value: await memberOrThrow(master, ctx.clinic.id, member.id), audit: { action: 'disable', entity: 'user', entityId: member.id } };
    });
    ctx.sessions.endWhere('account-disabled', (s) => s.userId === updated.id && s.activeClinicId === ctx.clinic.id);
    return updated;
  }),

  'users:enable': clinicWriter('users:manage', async (ctx, input) =>
    auditedMasterChange(ctx, async (master) => {
      const member = await memberOrThrow(master, ctx.clinic.id, input.userId);
      assertMayManage(ctx, member.role);
      if (!member.disabled) return { value: member, audit: null };
      assertWithinLimit(ctx, 'max_users', await countActiveMembers(master, ctx.clinic.id));
      await master.updateTable('memberships').set({ disabled: 0 }).where('clinic_id', '=', ctx.clinic.id).where('user_id', '=', member.id).execute();
      return { value: await memberOrThrow(master, ctx.clinic.id, member.id), audit: { action: 'enable', entity: 'user', entityId: member.id } };
    }),
  ),
} satisfies Partial<HandlerTable>;
