import path from 'node:path';
import { validationError } from '../errors';

import { isSlug, SLUG_MAX, SLUG_MIN } from '../../../preload/contract/slug-rules';

export { slugFromName } from '../../../preload/contract/slug-rules';

/**
 * A slug names a clinic's file, so it is checked against one strict rule before it is used
 * anywhere: ASCII lowercase letters and digits separated by single hyphens. Anything else,
 * including look-alike unicode, path separators and NUL bytes, is refused rather than cleaned.
 */
export function checkSlug(input: unknown): string {
  if (typeof input !== 'string') throw validationError('The clinic code is missing.', { slug: 'Required.' });
  if (!isSlug(input)) {
    throw validationError('The clinic code is not valid.', {
      slug: `Use ${SLUG_MIN}–${SLUG_MAX} lowercase letters or digits, with single hyphens between words.`,
    });
  }
  return input;
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
