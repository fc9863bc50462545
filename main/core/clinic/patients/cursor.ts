import { z } from 'zod';
import { validationError } from '../../errors';

/**
 * Page cursors are opaque to the screen: base64url JSON of where the last page stopped. A
 * cursor that does not decode to the expected shape is refused, never half-trusted.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | null | undefined): z.output<S> | null {
  if (!cursor) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError('That page is no longer available.', { cursor: 'Start again from the first page.' });
  return parsed.data;
}

/** A name rank or sequence number as a cursor holds it. */
export const cursorInt = z.number().int().safe();
