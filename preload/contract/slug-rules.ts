/**
 * The clinic code (slug) rules, free of Node so that the registration screen can suggest a code
 * with the same function main uses. A slug names a clinic's file: main checks it again.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 2;
export const SLUG_MAX = 63;

export const isSlug = (input: string): boolean => input.length >= SLUG_MIN && input.length <= SLUG_MAX && SLUG.test(input);

/** Letters that carry no accent mark Unicode could strip, spelled as people would type them. */
const TRANSLITERATE: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * `City Hospital` → `city-hospital`; accents are dropped, anything else becomes a hyphen.
 * Returns a valid slug, or '' when the name has too few usable characters.
 */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßæøœłđðþı]/g, (c) => TRANSLITERATE[c] ?? '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
  return slug.length >= SLUG_MIN ? slug : '';
}
