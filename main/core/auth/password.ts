import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { validationError } from '../errors';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** The product's parameters: about half a second of work here, run on libuv's thread pool. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/**
 * Length and a list of breached passwords decide, as NIST SP 800-63B advises; no composition
 * rules. Length counts characters as people see them, not UTF-16 units.
 */
export function checkPasswordPolicy(password: unknown, field = 'password'): string {
  if (typeof password !== 'string' || password.length === 0) {
    throw validationError('A password is required.', { [field]: 'Required.' });
  }
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw validationError('The password is too short.', { [field]: `Use at least ${PASSWORD_MIN} characters.` });
  if (length > PASSWORD_MAX) throw validationError('The password is too long.', { [field]: `Use at most ${PASSWORD_MAX} characters.` });
  if (isCommon(password)) {
    throw validationError('The password is too common.', { [field]: 'This password appears in lists of common passwords; choose another.' });
  }
  return password;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$logN$r$p$salt$hash` (base64): the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export function parseHashParams(stored: string): ScryptParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return null;
  return { logN, r, p };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = parseHashParams(stored);
  if (!params) return false;
  const parts = stored.split('$');
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, params);
  return timingSafeEqual(actual, expected);
}
