import type { Kysely } from 'kysely';
import { validationError } from '../../errors';
import type { TenantDB } from '../schema';
import { digitsOnly } from './fold';

/** MRNs start at 100000 so that every one has at least six digits before its check digit. */
const MRN_BASE = 100_000;

/** Luhn (mod 10) check digit: catches every single wrong digit and most swapped neighbours. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export const mrnFor = (sequence: number): string => {
  const body = String(MRN_BASE + sequence);
  return `${body}${luhnCheckDigit(body)}`;
};

/** The canonical MRN if `text` is a well-formed one (spaces and hyphens allowed), else null. */
export function parseMrn(text: string): string | null {
  if (!/^[\d\s-]+$/.test(text)) return null;
  const digits = digitsOnly(text);
  if (digits.length < 7 || digits.length > 16) return null;
  const body = digits.slice(0, -1);
  return luhnCheckDigit(body) === Number(digits.slice(-1)) ? digits : null;
}

/** parseMrn for a lookup the person typed: a mistyped number is said so, beside the field. */
export function requireMrn(text: string, field = 'mrn'): string {
  const mrn = parseMrn(text);
  if (!mrn) throw validationError('That is not a valid MRN.', { [field]: 'Check the number: an MRN is 7 or more digits and its last digit must match.' });
  return mrn;
}

/**
 * The clinic's next MRN. Call it inside the transaction that inserts the patient: the counter
 * only ever goes up, so a number is never handed out twice, even after a deletion.
 */
export async function nextMrn(trx: Kysely<TenantDB>): Promise<{ mrn: string; sequence: number }> {
  const row = await trx
    .updateTable('mrn_sequence')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('singleton', '=', 1)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return { mrn: mrnFor(row.last_value), sequence: row.last_value };
}

/** How many patients were ever created: an upper bound of the live count that costs one row. */
export async function createdCount(db: Kysely<TenantDB>): Promise<number> {
  const row = await db.selectFrom('mrn_sequence').select('last_value').executeTakeFirst();
  return row?.last_value ?? 0;
}
