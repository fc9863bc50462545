import type { Transaction } from 'kysely';
import { writeAudit, type AuditEntry } from '../clinic/audit';
import type { MasterDB } from '../master/schema';
import { auditActor, type ClinicHandlerContext } from './handler';

/**
 * A change to master (a membership, the subscription, a setting) recorded in the clinic's own
 * audit trail. The two files cannot share a transaction, so the entry is written inside the
 * clinic's transaction before master commits, and the clinic's commit follows: a refused or
 * failed change leaves no entry behind. Lock order is always clinic, then master.
 */
export async function auditedMasterChange<T>(
  ctx: ClinicHandlerContext,
  change: (master: Transaction<MasterDB>) => Promise<{ value: T; audit: AuditEntry | null }>,
): Promise<T> {
  return ctx.clinic.tenant.db.transaction().execute((tenantTrx) =>
    ctx.core.master.transaction().execute(async (masterTrx) => {
      const { value, audit } = await change(masterTrx);
      if (audit) await writeAudit(tenantTrx, auditActor(ctx.session), audit, ctx.core.clock());
      return value;
    }),
  );
}
