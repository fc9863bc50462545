import type { Kysely, Transaction } from 'kysely';
import { auditActor, type ClinicHandlerContext } from '../api/handler';
import { writeAudit, type AuditActor, type AuditEntry } from './audit';
import type { TenantDB } from './schema';

export interface ClinicWrite {
  trx: Transaction<TenantDB>;
  /** One time for the whole change: rows and their audit entry agree. */
  now: Date;
  actor: AuditActor;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * Runs a change in one write transaction of the caller's clinic (BEGIN IMMEDIATE: checks made
 * inside it cannot be raced) with the audit entry in the same transaction.
 */
export function clinicWrite<T>(ctx: ClinicHandlerContext, fn: (w: ClinicWrite) => Promise<T>): Promise<T> {
  const db: Kysely<TenantDB> = ctx.clinic.tenant.db;
  const now = ctx.core.clock();
  const actor = auditActor(ctx.session);
  return db.transaction().execute((trx) => fn({ trx, now, actor, audit: (entry) => writeAudit(trx, actor, entry, now) }));
}
