import { AppError } from '../core/errors';
import { EXIT, type ExitCode } from './exit-codes';
import { note } from './output';

interface ReportOptions {
  verbose?: boolean;
  /** Input field names as the command's options call them, e.g. contactEmail → --email. */
  fieldLabels?: Record<string, string>;
}

function withFields(err: AppError, labels: Record<string, string>): string {
  if (!err.fields) return err.message;
  // two fields can come from one option (--email is the contact and the owner's address)
  const details = new Set(Object.entries(err.fields).map(([field, message]) => `${labels[field] ?? field}: ${message}`));
  return `${err.message} ${[...details].join('; ')}`;
}

/** EACCES, ENOSPC, SQLITE_BUSY...: says what went wrong without the path the message holds. */
function systemCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return typeof code === 'string' && /^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test(code) ? code : undefined;
}

/**
 * One line on stderr per failure. AppError messages are written for the user and hold no paths
 * or data; anything else is a bug or an environment problem whose details (which may include
 * paths) are shown only with --verbose.
 */
export function reportError(err: unknown, options: ReportOptions = {}): ExitCode {
  if (err instanceof AppError) {
    note(`error: ${withFields(err, options.fieldLabels ?? {})}`);
  } else if (err instanceof Error && err.name === 'NewerSchemaError') {
    // by name: the migrator (and umzug behind it) is not loaded just to print usage errors
    note('error: the master database was written by a newer version of MedAdmin; use that version.');
  } else {
    const code = systemCode(err);
    const what = code ? `internal error (${code})` : 'internal error';
    note(options.verbose ? `error: ${what}` : `error: ${what}; run again with --verbose for details`);
    if (options.verbose) note(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  return EXIT.failure;
}
