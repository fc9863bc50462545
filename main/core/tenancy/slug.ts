import path from 'node:path';
import { validationError } from '../errors';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 2;
export const SLUG_MAX = 63;

/**
 * A slug names a clinic's file, so it is checked against one strict rule before it is used
 * anywhere: ASCII lowercase letters and digits separated by single hyphens. Anything else,
 * including look-alike unicode, path separators and NUL bytes, is refused rather than cleaned.
 */
export function checkSlug(input: unknown): string {
  if (typeof input !== 'string') throw validationError('The clinic code is missing.', { slug: 'Required.' });
  if (input.length < SLUG_MIN || input.length > SLUG_MAX || !SLUG.test(input)) {
    throw validationError('The clinic code is not valid.', {
      slug: `Use ${SLUG_MIN}–${SLUG_MAX} lowercase letters or digits, with single hyphens between words.`,
    });
  }
  return input;
}

/** `City Hospital` → `city-hospital`; accents are dropped, anything else becomes a hyphen. */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
  return slug;
}

/** As in the reference design: `city-hospital` → `tenant_city_hospital`. */
export function dbNameForSlug(slug: string): string {
  return `tenant_${checkSlug(slug).replace(/-/g, '_')}`;
}

/**
 * The clinic database's path, derived only from a checked slug and verified to resolve to a
 * direct child of the tenants folder.
 */
export function tenantDbPath(tenantsDir: string, slug: string): string {
  const dir = path.resolve(tenantsDir);
  const file = path.resolve(dir, `${dbNameForSlug(slug)}.sqlite3`);
  if (path.dirname(file) !== dir) throw validationError('The clinic code is not valid.', { slug: 'Not a valid clinic file name.' });
  return file;
}
