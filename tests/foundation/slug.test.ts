import fc from 'fast-check';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../../main/core/errors';
import { registerClinic } from '../../main/core/tenancy/register-clinic';
import { checkSlug, dbNameForSlug, slugFromName, tenantDbPath } from '../../main/core/tenancy/slug';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';
import { listDir, masterCounts } from './helpers';

const TENANTS = '/data/tenant_databases';

const ATTACKS: [string, string][] = [
  ['parent folder', '../x'],
  ['parent folder, deeper', 'a/../../x'],
  ['absolute path', '/etc/passwd'],
  ['Windows absolute path', 'C:\\Windows\\x'],
  ['Windows separator', '..\\x'],
  ['NUL byte', 'city\0hospital'],
  ['NUL byte at the end', 'city-hospital\0'],
  ['Cyrillic а (U+0430) in place of a', 'city-hospitаl'],
  ['fullwidth letters', 'ｃｉｔｙ'],
  ['dotless ı', 'cıty'],
  ['over-long (64 characters)', 'a'.repeat(64)],
  ['one character', 'a'],
  ['empty', ''],
  ['uppercase', 'City-Hospital'],
  ['double hyphen', 'city--hospital'],
  ['leading hyphen', '-city'],
  ['trailing hyphen', 'city-'],
  ['underscore', 'city_hospital'],
  ['dot', 'city.hospital'],
  ['space', 'city hospital'],
  ['trailing newline', 'city\n'],
  ['percent-encoded traversal', '%2e%2e%2fx'],
];

describe('checkSlug', () => {
  test.each(['ab', 'city-hospital', 'a1', '24-7-care', 'a'.repeat(63), 'x-y-z'])('accepts %j', (slug) => {
    expect(checkSlug(slug)).toBe(slug);
  });

  test.each(ATTACKS)('refuses %s', (_what, slug) => {
    expect(() => checkSlug(slug)).toThrow(expect.objectContaining({ code: 'VALIDATION', fields: { slug: expect.any(String) } }));
  });

  test.each([undefined, null, 42, ['ab']])('refuses a non-string %j', (value) => {
    expect(() => checkSlug(value)).toThrow(AppError);
  });

  test('every accepted slug names a file directly inside the tenants folder', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 70 }), fc.string({ unit: fc.constantFrom(...'ab9-./\\\0а:_ '), maxLength: 70 })), (candidate) => {
        let slug: string;
        try {
          slug = checkSlug(candidate);
        } catch {
          return;
        }
        const file = tenantDbPath(TENANTS, slug);
        expect(path.dirname(file)).toBe(TENANTS);
        expect(path.basename(file)).toMatch(/^tenant_[a-z0-9_]+\.sqlite3$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('slugs built from the allowed alphabet are accepted exactly when they follow the rule', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab9-'), maxLength: 70 }), (candidate) => {
        const valid = candidate.length >= 2 && candidate.length <= 63 && !/^-|-$|--/.test(candidate);
        if (valid) expect(path.dirname(tenantDbPath(TENANTS, candidate))).toBe(TENANTS);
        else expect(() => tenantDbPath(TENANTS, candidate)).toThrow(AppError);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tenantDbPath and dbNameForSlug', () => {
  test('follow the reference design: city-hospital → tenant_city_hospital.sqlite3', () => {
    expect(dbNameForSlug('city-hospital')).toBe('tenant_city_hospital');
    expect(tenantDbPath(TENANTS, 'city-hospital')).toBe(`${TENANTS}/tenant_city_hospital.sqlite3`);
  });

  test.each(ATTACKS)('refuse %s', (_what, slug) => {
    expect(() => tenantDbPath(TENANTS, slug)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => dbNameForSlug(slug)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('slugFromName', () => {
  test.each([
    ['City Hospital', 'city-hospital'],
    ['  County   Clinic  ', 'county-clinic'],
    ['Clínica São José', 'clinica-sao-jose'],
    ['Zahnärzte Müller & Söhne', 'zahnarzte-muller-sohne'],
    ['Ærø Straße Klinik', 'aero-strasse-klinik'],
    ['Łódź Medical', 'lodz-medical'],
    ['ＣＩＴＹ Care', 'city-care'],
    ['24/7 Care', '24-7-care'],
    ['../../etc', 'etc'],
  ])('%j → %j', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  test('caps the length at 63 without leaving a trailing hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(62)} b c`);
    expect(slug).toBe('a'.repeat(62));
  });

  test('gives up (empty) when too little is left', () => {
    expect(slugFromName('Клиника')).toBe('');
    expect(slugFromName('A')).toBe('');
    expect(slugFromName('!!!')).toBe('');
  });

  test('always returns a valid slug or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (name) => {
        const slug = slugFromName(name);
        if (slug !== '') expect(checkSlug(slug)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('registerClinic refuses every bad slug and leaves nothing behind', () => {
  let t: TempCore;
  beforeEach(async () => {
    t = await startTempCore();
  });
  afterEach(async () => t.dispose());

  test.each(ATTACKS)('%s', async (_what, slug) => {
    await expect(registerClinic(t.core, clinicInput('City Hospital', { slug }))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await masterCounts(t.core)).toEqual({ clinics: 0, users: 0, memberships: 0, subscriptions: 0 });
    expect(listDir(t.core.layout.tenantsDir)).toEqual([]);
    // nothing written next to the tenants folder either
    expect(listDir(t.dir).filter((f) => !f.startsWith('master.sqlite3'))).toEqual(['archive', 'backups', 'tenant_databases']);
  });

  test('a name that gives no slug asks for one', async () => {
    await expect(registerClinic(t.core, clinicInput('Клиника', { contactEmail: 'a@b.example', owner: { email: 'a@b.example', fullName: 'A', password: 'correct horse battery staple' } }))).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { slug: expect.any(String) },
    });
    expect(await masterCounts(t.core)).toEqual({ clinics: 0, users: 0, memberships: 0, subscriptions: 0 });
  });
});
