import type { ParsedInput } from '../../../../preload/contract';
import type { AuditEntryView } from '../../../../preload/contract/channels/audit';
import type { Page } from '../../../../preload/contract/channels/common';
import type { ClinicHandlerContext } from '../../api/handler';
import { addDays, dayStart } from '../appointments/clinic-time';
import { revealChanges } from '../patients/audit-seal';
import { fetchPage } from '../reference/list-query';
import type { AuditLogRow } from '../schema';

const isDate = (bound: string): boolean => bound.length === 10;

/** A period bound as stored (toISOString): a date means the clinic's day, `to` taking all of it. */
function boundAt(bound: string, tz: string, end: boolean): string {
  if (!isDate(bound)) return new Date(bound).toISOString();
  return new Date(dayStart(end ? addDays(bound, 1) : bound, tz)).toISOString();
}

type StoredEntry = Omit<AuditLogRow, 'id'> & { id: number };

/** Whose audit key seals the entry's values: the patient's own entries, and those about them. */
function patientOf(entry: StoredEntry, details: Record<string, unknown> | null): string | null {
  if (entry.entity === 'patient') return entry.entity_id;
  return typeof details?.patientId === 'string' ? details.patientId : null;
}

async function toView(ctx: ClinicHandlerContext, entry: StoredEntry): Promise<AuditEntryView> {
  const details = entry.details ? (JSON.parse(entry.details) as Record<string, unknown>) : null;
  const patientId = patientOf(entry, details);
  const changes = patientId
    ? await revealChanges(ctx.clinic.tenant.db, patientId, entry.changes)
    : entry.changes
      ? (JSON.parse(entry.changes) as Record<string, [unknown, unknown]>)
      : null;
  return {
    id: entry.id,
    at: entry.at,
    userId: entry.user_id,
    userName: entry.user_name,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entity_id,
    changes,
    details,
  };
}

/** The clinic's audit trail for managers, newest first, narrowed by who, what and when. */
export async function listAudit(ctx: ClinicHandlerContext, input: ParsedInput<'audit:list'>): Promise<Page<AuditEntryView>> {
  const tz = ctx.clinic.timezone;
  let query = ctx.clinic.tenant.db.selectFrom('audit_log').selectAll();
  if (input.userId) query = query.where('user_id', '=', input.userId);
  if (input.entity) query = query.where('entity', '=', input.entity);
  if (input.entityId) query = query.where('entity_id', '=', input.entityId);
  if (input.action) query = query.where('action', '=', input.action);
  if (input.from) query = query.where('at', '>=', boundAt(input.from, tz, false));
  if (input.to) query = query.where('at', isDate(input.to) ? '<' : '<=', boundAt(input.to, tz, true));
  const page = await fetchPage(query.orderBy('at', 'desc').orderBy('id', 'desc'), input);
  return { ...page, items: await Promise.all(page.items.map((e) => toView(ctx, e))) };
}
