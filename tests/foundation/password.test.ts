import { describe, expect, test } from 'vitest';
import { checkPasswordPolicy, DEFAULT_SCRYPT, hashPassword, parseHashParams, verifyPassword } from '../../main/core/auth/password';
import { TEST_SCRYPT } from '../helpers/temp-core';

describe('hashes', () => {
  test('the product parameters (scrypt N=2^17, r=8, p=1, random salt, stored with the hash) hash without blocking the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    let hash: string;
    try {
      hash = await hashPassword('correct horse battery staple', DEFAULT_SCRYPT);
    } finally {
      clearInterval(timer);
    }
    // a synchronous hash would hold the loop for its whole run and no tick could happen
    expect(ticks).toBeGreaterThan(3);
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(parseHashParams(hash)).toEqual({ logN: 17, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  test('the same password hashes differently each time (random salt)', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here', TEST_SCRYPT), hashPassword('same password here', TEST_SCRYPT)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  test('verification uses the parameters stored with the hash', async () => {
    const cheap = await hashPassword('correct horse battery staple', { logN: 11, r: 4, p: 2 });
    expect(cheap.startsWith('scrypt$11$4$2$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', cheap)).toBe(true);
  });

  test('a damaged or truncated hash is a plain "no", never a throw (the constant-time compare needs equal lengths)', async () => {
    const hash = await hashPassword('correct horse battery staple', TEST_SCRYPT);
    const parts = hash.split('$');
    const key = Buffer.from(parts[5]!, 'base64');
    const flipped = Buffer.from(key);
    flipped[0] = flipped[0]! ^ 1;
    const variants = [
      [...parts.slice(0, 5), flipped.toString('base64')].join('$'),
      [...parts.slice(0, 5), key.subarray(0, 16).toString('base64')].join('$'),
      [...parts.slice(0, 5), Buffer.concat([key, key]).toString('base64')].join('$'),
      parts.slice(0, 5).join('$'),
      hash.replace('scrypt$', 'bcrypt$'),
      hash.replace(`$${TEST_SCRYPT.logN}$`, '$40$'),
      '',
    ];
    for (const v of variants) expect(await verifyPassword('correct horse battery staple', v)).toBe(false);
  });
});

describe('policy: length and a list of common passwords, no composition rules', () => {
  test.each([
    ['9 characters', 'abcdefgh9', /short/],
    ['257 characters', 'x'.repeat(257), /long/],
    ['5 emoji, though they are 10 UTF-16 units', '🩺'.repeat(5), /short/],
    ['empty', '', /required/],
    ['a common password', 'password123', /common/],
    ['another common password', 'qwertyuiop', /common/],
    ['a common password in other case', 'QwertyUIOP', /common/],
  ])('refuses %s', (_what, password, message) => {
    expect(() => checkPasswordPolicy(password)).toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(new RegExp(message.source, 'i')) }));
  });

  test('names the field it checked', () => {
    expect(() => checkPasswordPolicy('short', 'owner.password')).toThrow(expect.objectContaining({ fields: { 'owner.password': expect.any(String) } }));
  });

  test.each([
    ['exactly 10 characters', 'mxkq7vbzlt'],
    ['256 characters', 'y'.repeat(255) + 'z'],
    ['a long passphrase of one letter class', 'aaaaaaaaaaaaaaaz'],
    ['lowercase words', 'correct horse battery staple'],
    ['10 characters counted as people see them (emoji are one each)', '🩺🩺🩺🩺🩺🩺🩺🩺🩺🩺'],
  ])('accepts %s', (_what, password) => {
    expect(checkPasswordPolicy(password)).toBe(password);
  });

  test('a non-string is refused', () => {
    expect(() => checkPasswordPolicy(12345678901)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
