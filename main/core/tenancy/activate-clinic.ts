import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addDays } from '../clock';
import type { MasterDB, PlanRow } from '../master/schema';

export type ActivationStep = 'membership' | 'subscription' | 'activated';

export interface Activation {
  clinicId: string;
  ownerId: string;
  plan: PlanRow;
  now: Date;
  afterStep?: (step: ActivationStep) => void | Promise<void>;
}

/**
 * The last part of bringing a clinic into service, registered or imported alike: its owner, a
 * trial of the plan, and the clinic marked ready. Run it inside the master transaction that
 * must commit it all together.
 */
export async function activateClinic(trx: Kysely<MasterDB>, a: Activation): Promise<void> {
  const at = a.now.toISOString();
  await trx.insertInto('memberships').values({ user_id: a.ownerId, clinic_id: a.clinicId, role: 'owner', created_at: at }).execute();
  await a.afterStep?.('membership');
  const trialEnds = addDays(a.now, a.plan.trial_days).toISOString();
  await trx
    .insertInto('subscriptions')
    .values({
      id: randomUUID(),
      clinic_id: a.clinicId,
      plan_code: a.plan.code,
      status: 'trial',
      started_at: at,
      trial_ends_at: trialEnds,
      current_period_end: trialEnds,
      updated_at: at,
    })
    .execute();
  await a.afterStep?.('subscription');
  await trx.updateTable('clinics').set({ provisioning_state: 'ready' }).where('id', '=', a.clinicId).execute();
  await a.afterStep?.('activated');
}
