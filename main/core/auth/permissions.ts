import { ACTIONS, type Action } from '../../../preload/contract/actions';
import type { Role } from '../master/schema';

const except = (...denied: Action[]): Action[] => ACTIONS.filter((a) => !denied.includes(a));

/**
 * The one table of who may do what inside a clinic. The dispatcher consults it for every clinic
 * channel; nothing else grants access.
 */
const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  owner: ACTIONS,
  manager: except('subscription:manage', 'clinic:archive'),
  front_desk: [
    'patients:read',
    'patients:write',
    'appointments:read',
    'appointments:write',
    'payments:read',
    'payments:write',
    'sales:read',
    'sales:write',
    'reference:read',
  ],
  // visit notes on their own appointments only: the appointments service checks ownership
  doctor: ['appointments:read', 'appointments:notes', 'patients:read', 'reference:read'],
  viewer: ['reference:read', 'patients:read', 'appointments:read', 'payments:read', 'sales:read', 'reports:read'],
};

const ALLOWED = new Map<Role, ReadonlySet<Action>>(Object.entries(ROLE_ACTIONS).map(([role, actions]) => [role as Role, new Set(actions)]));

export function isAllowed(role: Role, action: Action): boolean {
  return ALLOWED.get(role)?.has(action) ?? false;
}

/** For the session screen: the actions a role holds, in the order ACTIONS lists them. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => isAllowed(role, a));
}
