import { z } from 'zod';
import { emailSchema } from '../common-schemas';

/** One page of a list, with the total so the screen can show "41–60 of 312". */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const MAX_PAGE_SIZE = 200;

export const idSchema = z.uuid('Choose an existing record.');
export const byIdInput = z.strictObject({ id: idSchema });

/** Soft-deleted rows are hidden unless a manager asks to see them (to restore one). */
export const deletedFilter = z.enum(['exclude', 'include', 'only']).default('exclude');
export type DeletedFilter = z.output<typeof deletedFilter>;

/** Free text that narrows a list by name. */
export const searchText = z.string().trim().max(120, 'Use at most 120 characters.').optional();

export const pageFields = {
  page: z.number().int('Use a whole number.').min(1, 'Pages start at 1.').max(1_000_000, 'Page is too far.').default(1),
  pageSize: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(MAX_PAGE_SIZE, `Use at most ${MAX_PAGE_SIZE}.`).default(50),
};

/**
 * A list request: page, page size, one of the list's sort keys and direction, plus the list's
 * own filters.
 */
export function listInput<K extends string, S extends z.ZodRawShape>(sortKeys: readonly [K, ...K[]], filters: S) {
  return z.strictObject({
    ...pageFields,
    sort: z.enum(sortKeys).default(sortKeys[0]),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...filters,
  });
}

export const requiredText = (max: number) => z.string().trim().min(1, 'Required.').max(max, `Use at most ${max} characters.`);

/** Optional contact fields: blank means none, anything else must be well-formed. */
const blankToNull = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));

export const phoneSchema = blankToNull.pipe(
  z
    .string()
    .max(40, 'Use at most 40 characters.')
    .regex(/^\+?[0-9][0-9 ()./-]{2,}$/, 'Use digits, spaces and + ( ) - . only, such as +49 30 1234567.')
    .nullable(),
);

/** Optional free text: blank means "not given" and is stored as null. */
export const optionalText = (max: number) => blankToNull.pipe(z.string().max(max, `Use at most ${max} characters.`).nullable());

export const optionalEmailSchema = blankToNull.pipe(emailSchema.nullable());
