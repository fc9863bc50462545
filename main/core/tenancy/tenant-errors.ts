import { AppError } from '../errors';

export type TenantRefusal =
  | 'missing-file'
  | 'not-a-file'
  | 'symlink'
  | 'not-a-database'
  | 'foreign'
  | 'identity-mismatch'
  | 'newer-schema'
  | 'migration-failed';

/** A clinic database that cannot be served; the reason is for the logs, CLI and checks. */
export class TenantUnavailableError extends AppError {
  readonly reason: TenantRefusal;
  constructor(reason: TenantRefusal, message: string, options?: { cause?: unknown }) {
    super('TENANT_UNAVAILABLE', message, undefined, options);
    this.name = 'TenantUnavailableError';
    this.reason = reason;
  }
}
