import type { Kysely } from 'kysely';
import type { TenantDB } from './schema';

export interface AuditActor {
  userId: string | null;
  userName: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  /** For updates: each changed field's old and new value. */
  changes?: Record<string, [unknown, unknown]>;
  details?: Record<string, unknown>;
}

/**
 * Appends to the clinic's audit trail. Call it with the same transaction as the change it
 * records, so that a change and its entry commit or vanish together.
 */
export async function writeAudit(db: Kysely<TenantDB>, actor: AuditActor, entry: AuditEntry, at: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      user_id: actor.userId,
      user_name: actor.userName,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      changes: entry.changes ? JSON.stringify(entry.changes) : null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** The fields whose values differ between two versions of a row, for an update's audit entry. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key], value];
  }
  return changes;
}
