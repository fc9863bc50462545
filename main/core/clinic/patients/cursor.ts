import { z } from 'zod';
import { validationError } from '../../errors';

/**
 * Page cursors are opaque to the screen: the JSON of where the last page stopped. A cursor that
 * does not parse to the expected shape is refused, never half-trusted. Plain JSON rather than
 * base64 of it: a cursor travels over IPC, never in a URL, and encoding one both ways cost a
 * tenth of a page of patients' time outside SQLite.
 */
export function encodeCursor(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | null | undefined): z.output<S> | null {
  if (!cursor) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(cursor);
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError('That page is no longer available.', { cursor: 'Start again from the first page.' });
  return parsed.data;
}

/** A name rank or sequence number as a cursor holds it. */
export const cursorInt = z.number().int().safe();
