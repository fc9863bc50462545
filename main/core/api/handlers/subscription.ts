import { TZDate } from '@date-fns/tz';
import { validationError } from '../../errors';
import { countActiveMembers } from '../../master/memberships';
import { planInfo, subscriptionInfo } from '../../master/subscription-state';
import { auditedMasterChange } from '../audited-change';
import { clinicControl, clinicReader, type HandlerTable } from '../handler';
import { countActiveDoctors, countActivePatients } from '../../clinic/limit-counts';
import { assertDbWithinLimit, assertWithinLimit } from '../limits';

/** The last moment of a calendar day in the clinic's own time zone, as UTC. */
function endOfDay(isoDate: string, timezone: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, timezone).getTime()).toISOString();
}

// Renewing is how a read-only clinic becomes writable again, so these are controls, not writes.
export const subscriptionHandlers = {
  'subscription:get': clinicReader('subscription:read', async (ctx) => {
    const plans = await ctx.core.master.selectFrom('plans').selectAll().orderBy('monthly_price_minor').orderBy('code').execute();
    return { ...subscriptionInfo(ctx.clinic.subscription, ctx.clinic.plan, ctx.core.clock()), plans: plans.map(planInfo) };
  }),

  'subscription:changePlan': clinicControl('subscription:manage', async (ctx, input) => {
    const { core, clinic } = ctx;
    const plan = await core.master.selectFrom('plans').selectAll().where('code', '=', input.planCode).executeTakeFirst();
    if (!plan) throw validationError('Unknown plan.', { planCode: 'Choose one of the listed plans.' });
    if (plan.code === clinic.plan.code) return subscriptionInfo(clinic.subscription, clinic.plan, core.clock());
    // a smaller plan must already fit what the clinic holds, counted as adding records counts it
    const target = { clinic: { plan } };
    assertWithinLimit(target, 'max_doctors', await countActiveDoctors(clinic.tenant.db), 0);
    if (plan.max_patients !== null) assertWithinLimit(target, 'max_patients', await countActivePatients(clinic.tenant.db), 0);
    assertDbWithinLimit(plan, clinic.tenant.path);
    const now = core.clock();
    const updated = await auditedMasterChange(ctx, async (master) => {
      assertWithinLimit(target, 'max_users', await countActiveMembers(master, clinic.id), 0);
      const row = await master
        .updateTable('subscriptions')
        .set({ plan_code: plan.code, updated_at: now.toISOString() })
        .where('id', '=', clinic.subscription.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { value: row, audit: { action: 'change-plan', entity: 'subscription', entityId: row.id, changes: { plan: [clinic.plan.code, plan.code] } } };
    });
    return subscriptionInfo(updated, plan, now);
  }),

  'subscription:activate': clinicControl('subscription:manage', async (ctx, input) => {
    const { core, clinic } = ctx;
    const now = core.clock();
    const periodEnd = endOfDay(input.periodEnd, clinic.timezone);
    if (Date.parse(periodEnd) <= now.getTime()) throw validationError('The paid period must end in the future.', { periodEnd: 'Choose a date in the future.' });
    const before = clinic.subscription;
    const updated = await auditedMasterChange(ctx, async (master) => {
      const row = await master
        .updateTable('subscriptions')
        .set({ status: 'active', current_period_end: periodEnd, updated_at: now.toISOString() })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        value: row,
        audit: {
          action: 'activate',
          entity: 'subscription',
          entityId: row.id,
          changes: { status: [before.status, 'active'], current_period_end: [before.current_period_end, periodEnd] },
        },
      };
    });
    return subscriptionInfo(updated, clinic.plan, now);
  }),
} satisfies Partial<HandlerTable>;
