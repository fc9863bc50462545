import type { SessionInfo } from '../../../preload/contract/channels/session';
import type { Session } from '../api/handler';
import type { Core } from '../core';
import { DEFAULT_IDLE_MINUTES, listWorkableClinics, loadClinicPlan } from '../master/access';
import { subscriptionInfo } from '../master/subscription-state';
import { actionsOf } from './permissions';

/** What the renderer may know about its own session: never the token, never a hash. */
export async function describeSession(core: Core, session: Session): Promise<SessionInfo> {
  const clinics = await listWorkableClinics(core.master, session.userId);
  const active = clinics.find((c) => c.id === session.activeClinicId);
  const plan = active ? await loadClinicPlan(core.master, active.id) : undefined;
  const clinic = active
    ? await core.master.selectFrom('clinics').select(['timezone', 'currency', 'idle_timeout_minutes']).where('id', '=', active.id).executeTakeFirst()
    : undefined;
  return {
    user: { id: session.userId, email: session.email, fullName: session.fullName },
    clinics,
    activeClinic:
      active && plan && clinic
        ? {
            ...active,
            timezone: clinic.timezone,
            currency: clinic.currency,
            subscription: subscriptionInfo(plan.subscription, plan.plan, core.clock()),
            actions: actionsOf(active.role),
          }
        : null,
    idleTimeoutMinutes: clinic?.idle_timeout_minutes ?? DEFAULT_IDLE_MINUTES,
  };
}
