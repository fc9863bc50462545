import { AppError } from '../errors';

export type RefusalReason =
  | 'not-sqlite'
  | 'truncated'
  | 'corrupt'
  | 'foreign'
  | 'other-clinic'
  | 'newer-schema'
  | 'checksum-mismatch'
  | 'wrong-passphrase'
  | 'tampered';

const MESSAGES: Record<RefusalReason, string> = {
  'not-sqlite': 'The file is neither a SQLite database nor a MedAdmin export.',
  truncated: 'The file is incomplete: it ends before the database does.',
  corrupt: 'The database in the file is damaged (its integrity check failed).',
  foreign: 'The file is not a MedAdmin clinic database.',
  'other-clinic': 'The file belongs to a different clinic.',
  'newer-schema': 'The file was written by a newer version of MedAdmin; update MedAdmin first.',
  'checksum-mismatch': 'The file does not match its backup manifest: it changed after the backup was made.',
  'wrong-passphrase': 'The passphrase does not open this file.',
  tampered: 'The encrypted file has been altered or damaged.',
};

/**
 * A file refused before anything was replaced: the reason is stable for scripts and tests, the
 * message tells the administrator what is wrong with the file (never its path or contents).
 */
export class FileRefusedError extends AppError {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, options?: { cause?: unknown }) {
    super('VALIDATION', MESSAGES[reason], { file: MESSAGES[reason] }, options);
    this.name = 'FileRefusedError';
    this.reason = reason;
  }
}
