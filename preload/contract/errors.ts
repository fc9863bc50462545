/**
 * Error codes that cross the bridge. The renderer switches on these; main throws them as
 * AppError. Adding a code is a contract change.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SUBSCRIPTION_READ_ONLY',
  'LIMIT_REACHED',
  'TENANT_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field messages, keyed by the input field's dotted path. */
export type FieldErrors = Record<string, string>;

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
