import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Core } from '../core';
import type { UserRow } from '../master/schema';
import { emailKey } from '../master/users';
import { hashPassword, parseHashParams, verifyPassword, type ScryptParams } from './password';

export const MAX_FAILED_SIGNINS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * The one answer to every failed sign-in: unknown email, wrong password, locked, disabled or
 * no clinic to enter all read the same, so the screen reveals nothing about an account.
 */
export const SIGN_IN_FAILED = 'The email or password is not correct, or the account cannot be used right now. Try again or ask your administrator.';

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash no password matches, made with the same parameters as real ones so it costs as much to
 * check. The dispatcher makes it at start-up: made lazily, the first unknown email would take
 * twice as long and give itself away.
 */
export function dummyHash(params: ScryptParams): Promise<string> {
  const key = `${params.logN}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64'), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}

const sameParams = (a: ScryptParams | null, b: ScryptParams): boolean => a !== null && a.logN === b.logN && a.r === b.r && a.p === b.p;

/**
 * Checks a password against a user with the lockout rules: the hash is always verified (an
 * unknown email against a dummy hash, a locked account too) so that the time taken says
 * nothing; a wrong password counts, and the fifth in a row locks the account for
 * LOCKOUT_MINUTES and starts the count again; a right one clears the count.
 */
export async function checkPassword(core: Core, user: UserRow | undefined, password: string): Promise<boolean> {
  if (!user) {
    await verifyPassword(password, await dummyHash(core.scrypt));
    return false;
  }
  const matches = await verifyPassword(password, user.password_hash);
  const now = core.clock();
  const current = await core.master.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirst();
  if (current?.locked_until && Date.parse(current.locked_until) > now.getTime()) return false;
  if (!matches) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    // one statement, so concurrent failures can neither lose a count nor skip the lock
    await core.master
      .updateTable('users')
      .set({
        failed_signins: sql<number>`case when failed_signins + 1 >= ${MAX_FAILED_SIGNINS} then 0 else failed_signins + 1 end`,
        locked_until: sql<string | null>`case when failed_signins + 1 >= ${MAX_FAILED_SIGNINS} then ${lockUntil} else locked_until end`,
      })
      .where('id', '=', user.id)
      .execute();
    return false;
  }
  const update: { failed_signins: number; locked_until: null; password_hash?: string } = { failed_signins: 0, locked_until: null };
  // hashes made with older (weaker) parameters are upgraded while the password is at hand
  if (!sameParams(parseHashParams(user.password_hash), core.scrypt)) update.password_hash = await hashPassword(password, core.scrypt);
  await core.master.updateTable('users').set(update).where('id', '=', user.id).execute();
  return true;
}

export function findUserByEmail(core: Core, email: string): Promise<UserRow | undefined> {
  return core.master.selectFrom('users').selectAll().where('email_key', '=', emailKey(email)).executeTakeFirst();
}
