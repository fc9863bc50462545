import type { Kysely } from 'kysely';
import type { ClinicUser } from '../../../preload/contract/channels/users';
import type { MasterDB } from './schema';

function members(db: Kysely<MasterDB>, clinicId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.full_name', 'm.role', 'm.disabled', 'm.created_at'])
    .where('m.clinic_id', '=', clinicId);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof members>['executeTakeFirstOrThrow']>>;

const toClinicUser = (r: MemberRow): ClinicUser => ({
  id: r.id,
  email: r.email,
  fullName: r.full_name,
  role: r.role,
  disabled: r.disabled === 1,
  memberSince: r.created_at,
});

export async function listClinicUsers(db: Kysely<MasterDB>, clinicId: string): Promise<ClinicUser[]> {
  return (await members(db, clinicId).orderBy('u.full_name').orderBy('u.id').execute()).map(toClinicUser);
}

export async function findClinicUser(db: Kysely<MasterDB>, clinicId: string, userId: string): Promise<ClinicUser | undefined> {
  const row = await members(db, clinicId).where('u.id', '=', userId).executeTakeFirst();
  return row && toClinicUser(row);
}

/** Members who can work here: what the plan's max_users counts. */
export async function countActiveMembers(db: Kysely<MasterDB>, clinicId: string, role?: 'owner'): Promise<number> {
  let query = db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .where('disabled', '=', 0);
  if (role) query = query.where('role', '=', role);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
