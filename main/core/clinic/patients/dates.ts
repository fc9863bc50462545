import { isRealDate } from '../../../../preload/contract/channels/patients';

/**
 * The dates a typed text can mean: ISO (1980-04-23) or day and month first with dots, slashes
 * or hyphens (23.04.1980, 04/23/1980). A text such as 03/04/1980 means either, and both are
 * searched: the clinic's usual order is not known here and a wrong extra match costs nothing.
 */
export function parseDates(text: string): string[] {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return validDates([[iso[1]!, iso[2]!, iso[3]!]]);
  const local = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (!local) return [];
  const [, a, separator, b, year] = local as unknown as [string, string, string, string, string];
  // dots are day-first wherever they are used
  return validDates(separator === '.' ? [[year, b, a]] : [[year, b, a], [year, a, b]]);
}

function validDates(parts: [string, string, string][]): string[] {
  const out = new Set<string>();
  for (const [y, m, d] of parts) {
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (isRealDate(iso)) out.add(iso);
  }
  return [...out];
}
