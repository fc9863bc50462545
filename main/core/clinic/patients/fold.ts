/**
 * Normal forms used for matching people: the same fold is applied to what is stored and to
 * what is typed, so "José O'Brien" is found by "jose obrien" and "JOSE O BRIEN".
 */

/** Dropped inside names by the fold ("O'Brien" → "obrien"). */
export const APOSTROPHES = /['’‘`´]/;

const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, accents removed, apostrophes and dots dropped, other punctuation as one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c)
    .replace(new RegExp(`${APOSTROPHES.source}|\\.`, 'g'), '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const words = (text: string): string[] => {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
};

/** Letters and digits only: phone numbers, MRNs and national ids compare in this form. */
export const alnumKey = (text: string): string => foldText(text).replace(/ /g, '');

export const digitsOnly = (text: string): string => text.replace(/\D/g, '');

/**
 * Sort key for the patient list: last name, then first name. \u0001 sorts before every
 * character a folded name can hold, so "Lee, Ann" comes before "Leeds, Ann".
 */
export const sortKey = (firstName: string, lastName: string): string => `${foldText(lastName)}\u0001${foldText(firstName)}`;

const SOUNDEX_CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/**
 * American Soundex (as OpenEMR's duplicate score uses) of a folded name, so Smith and Smyth
 * match. Names in other scripts have no Soundex and compare by their folded form instead.
 */
export function soundex(name: string): string {
  const letters = alnumKey(name);
  if (!/^[a-z]/.test(letters)) return letters;
  let code = letters[0]!.toUpperCase();
  let previous = SOUNDEX_CODES[letters[0]!] ?? '';
  for (const c of letters.slice(1)) {
    const digit = SOUNDEX_CODES[c];
    if (digit && digit !== previous) code += digit;
    if (code.length === 4) break;
    // h and w do not separate equal codes; vowels do
    if (c !== 'h' && c !== 'w') previous = digit ?? '';
  }
  return code.padEnd(4, '0');
}
