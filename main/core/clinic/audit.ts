import type { Kysely } from 'kysely';
import { queryShape } from '../db/query-shape';
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

type EntrySlot = 'at' | 'userId' | 'userName' | 'action' | 'entity' | 'entityId' | 'changes' | 'details';

/** Opening a patient's record writes an entry on every call: the insert is compiled once (see query-shape.ts). */
const insertEntry = queryShape<TenantDB, EntrySlot, unknown>((db, slot) =>
  db.insertInto('audit_log').values({
    at: slot('at'),
    user_id: slot('userId'),
    user_name: slot('userName'),
    action: slot('action'),
    entity: slot('entity'),
    entity_id: slot('entityId'),
    changes: slot('changes'),
    details: slot('details'),
  }),
);

/**
 * Appends to the clinic's audit trail. Call it with the same transaction as the change it
 * records, so that a change and its entry commit or vanish together.
 */
export async function writeAudit(db: Kysely<TenantDB>, actor: AuditActor, entry: AuditEntry, at: Date): Promise<void> {
  await insertEntry.execute(db, {
    at: at.toISOString(),
    userId: actor.userId,
    userName: actor.userName,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    changes: entry.changes ? JSON.stringify(entry.changes) : null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}

/** The fields whose values differ between two versions of a row, for an update's audit entry. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key], value];
  }
  return changes;
}
