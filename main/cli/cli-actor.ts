import { userInfo } from 'node:os';
import type { AuditActor } from '../core/clinic/audit';

/** Who a clinic's audit trail names for a change made from the command line: the system account. */
export function cliActor(): AuditActor {
  let account = 'unknown account';
  try {
    account = userInfo().username;
  } catch {
    // no user database entry (some containers): the entry still says it came from the command line
  }
  return { userId: null, userName: `command line (${account})` };
}
