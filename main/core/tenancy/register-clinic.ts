import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../auth/password';
import { currencySchema, emailSchema, machineTimezone, personNameSchema, timezoneSchema } from '../../../preload/contract/common-schemas';
import type { Core } from '../core';
import { AppError } from '../errors';
import { emailKey } from '../master/users';
import { parseInput } from '../validate';
import { activateClinic, type ActivationStep } from './activate-clinic';
import { buildTenantFile, type BuildStep } from './build-tenant-file';
import { checkSlug, dbNameForSlug, slugFromName, tenantDbPath } from './slug';
import { removeDatabaseFile } from './provisioning-files';

export type RegistrationStep = 'clinic-row' | BuildStep | 'owner' | ActivationStep;

const newOwner = z.object({
  email: emailSchema,
  fullName: personNameSchema,
  password: z.string(),
});

const registrationSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(120, 'Use at most 120 characters.'),
  contactEmail: emailSchema,
  slug: z.string().optional(),
  plan: z.string().trim().min(1).max(40).default('basic'),
  timezone: timezoneSchema.optional(),
  currency: currencySchema.default('USD'),
  owner: z.union([newOwner, z.object({ userId: z.string().uuid() })]),
});

export type RegistrationInput = z.input<typeof registrationSchema>;

export interface RegisteredClinic {
  id: string;
  slug: string;
  dbName: string;
  dbPath: string;
  ownerId: string;
}

export interface RegistrationOptions {
  afterStep?: (step: RegistrationStep) => void | Promise<void>;
}

/**
 * The reference design's registration flow as one operation: master row (provisioning), the
 * clinic's database built, migrated and stamped beside its final name and renamed into place,
 * then owner, membership and trial subscription with activation in one master transaction.
 * Any failure removes everything this call created; a crash is cleaned up at the next start.
 */
export async function registerClinic(core: Core, input: unknown, options: RegistrationOptions = {}): Promise<RegisteredClinic> {
  const data = parseInput(registrationSchema, input);
  const slug = checkSlug(data.slug ?? slugFromName(data.name));
  const timezone = data.timezone ?? machineTimezone();
  const owner = data.owner;
  // the slow hash happens before anything is written, so a failed policy check leaves no trace
  const passwordHash = 'password' in owner ? await hashPassword(checkPasswordPolicy(owner.password, 'owner.password'), core.scrypt) : undefined;

  const plan = await core.master.selectFrom('plans').selectAll().where('code', '=', data.plan).executeTakeFirst();
  if (!plan) throw new AppError('VALIDATION', 'Unknown plan.', { plan: 'Choose basic, professional or enterprise.' });

  const existingUser = await findOwner(core, owner);
  if (existingUser && 'password' in owner && !(await verifyPassword(owner.password, existingUser.password_hash))) {
    throw new AppError('CONFLICT', 'A user with this email already exists; give their current password to add the clinic to their account.', {
      'owner.email': 'Already registered.',
    });
  }

  const taken = await core.master.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', 'That clinic code is already in use.', { slug: 'Already in use.' });

  const id = randomUUID();
  const now = core.clock();
  const dbName = dbNameForSlug(slug);
  const dbPath = tenantDbPath(core.layout.tenantsDir, slug);
  const step = async (name: RegistrationStep) => options.afterStep?.(name);

  try {
    await core.master
      .insertInto('clinics')
      .values({
        id,
        name: data.name,
        slug,
        db_name: dbName,
        contact_email: data.contactEmail,
        status: 'active',
        timezone,
        currency: data.currency,
        provisioning_state: 'provisioning',
        created_at: now.toISOString(),
      })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'That clinic code is already in use.', { slug: 'Already in use.' });
    throw err;
  }

  let fileBuilt = false;
  try {
    await step('clinic-row');
    await buildTenantFile(dbPath, { id, slug }, { afterStep: step, now });
    fileBuilt = true;
    const ownerId = await core.master.transaction().execute(async (trx) => {
      let userId = existingUser?.id;
      if (!userId) {
        if (!('password' in owner) || !passwordHash) throw new AppError('NOT_FOUND', 'That user does not exist.');
        userId = randomUUID();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            email: owner.email,
            email_key: emailKey(owner.email),
            full_name: owner.fullName,
            password_hash: passwordHash,
            failed_signins: 0,
            locked_until: null,
            disabled: 0,
            created_at: now.toISOString(),
          })
          .execute();
      }
      await step('owner');
      await activateClinic(trx, { clinicId: id, ownerId: userId, plan, now, afterStep: step });
      return userId;
    });
    return { id, slug, dbName, dbPath, ownerId };
  } catch (err) {
    if (fileBuilt) removeDatabaseFile(dbPath);
    await core.master.deleteFrom('clinics').where('id', '=', id).execute();
    // the same new email registered twice at once: the second loses the race at the insert
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'A user with this email already exists.', { 'owner.email': 'Already registered.' });
    throw err;
  }
}

async function findOwner(core: Core, owner: { email: string } | { userId: string }) {
  const query = core.master.selectFrom('users').select(['id', 'password_hash', 'disabled']);
  const user = await ('userId' in owner
    ? query.where('id', '=', owner.userId)
    : query.where('email_key', '=', emailKey(owner.email))
  ).executeTakeFirst();
  if ('userId' in owner && !user) throw new AppError('NOT_FOUND', 'That user does not exist.');
  if (user?.disabled) throw new AppError('FORBIDDEN', 'That user account is disabled.');
  return user;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
