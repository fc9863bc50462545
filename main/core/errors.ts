import type { ErrorCode, ErrorPayload, FieldErrors } from '../../preload/contract/errors';

/**
 * The only error type the core throws on purpose. Its message is written for the person at the
 * screen: it never holds a file path, SQL or patient data, so it can cross the bridge as is.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toPayload(): ErrorPayload {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const validationError = (message: string, fields?: FieldErrors): AppError =>
  new AppError('VALIDATION', message, fields);

/** Anything that is not an AppError becomes INTERNAL with a fixed message; the cause stays in main's log. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'INTERNAL', message: 'Something went wrong. The details were written to the application log.' };
}
