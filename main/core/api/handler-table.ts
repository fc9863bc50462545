import { archiveHandlers } from '../archive/handlers';
import { backupHandlers } from '../backup/handlers';
import { appointmentsHandlers } from '../clinic/appointments/handlers';
import { auditHandlers } from '../clinic/audit-read/handlers';
import { patientsHandlers } from '../clinic/patients/handlers';
import { paymentsHandlers } from '../clinic/payments/handlers';
import { referenceHandlers } from '../clinic/reference/handlers';
import { reportsHandlers } from '../clinic/reports/handlers';
import { salesHandlers } from '../clinic/sales/handlers';
import type { HandlerTable } from './handler';
import { authHandlers } from './handlers/auth';
import { clinicsHandlers } from './handlers/clinics';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { subscriptionHandlers } from './handlers/subscription';
import { usersHandlers } from './handlers/users';

type Group = Partial<HandlerTable>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins per-domain handler groups; a channel handled twice is a start-up error, not an overwrite. */
export function mergeHandlers<G extends Group[]>(...groups: G): UnionToIntersection<G[number]> {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, def] of Object.entries(group)) {
      if (Object.hasOwn(merged, name)) throw new Error(`channel ${name} has two handlers`);
      merged[name] = def;
    }
  }
  return merged as UnionToIntersection<G[number]>;
}

/**
 * The type already demands one handler per channel; this repeats the check at run time (at
 * start-up and in a test), where a cast or a stale build could otherwise slip through.
 */
export function checkHandlerTable(table: Record<string, unknown>, channels: readonly string[]): void {
  const missing = channels.filter((c) => !Object.hasOwn(table, c));
  const extra = Object.keys(table).filter((name) => !channels.includes(name));
  if (missing.length || extra.length) {
    throw new Error(`handler table does not match the contract: missing ${missing.join(', ') || 'none'}; unknown ${extra.join(', ') || 'none'}`);
  }
}

export const HANDLERS: HandlerTable = mergeHandlers(
  authHandlers,
  sessionHandlers,
  clinicsHandlers,
  usersHandlers,
  subscriptionHandlers,
  settingsHandlers,
  patientsHandlers,
  referenceHandlers,
  appointmentsHandlers,
  auditHandlers,
  paymentsHandlers,
  salesHandlers,
  reportsHandlers,
  backupHandlers,
  archiveHandlers,
);
