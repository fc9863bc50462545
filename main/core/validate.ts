import type { z } from 'zod';
import { validationError } from './errors';

/**
 * Checks input against its schema and turns every problem into a per-field message, so the
 * screen can put each message beside its field. Nothing of the input is echoed back.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  throw validationError('Some fields need attention.', fields);
}
