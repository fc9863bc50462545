import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

const PLANS = [
  { code: 'basic', name: 'Basic', price: 2900, users: 3, doctors: 2, patients: 2000, dbMb: 500, trialDays: 14 },
  { code: 'professional', name: 'Professional', price: 7900, users: 15, doctors: 10, patients: 25000, dbMb: 5000, trialDays: 14 },
  { code: 'enterprise', name: 'Enterprise', price: 19900, users: null, doctors: null, patients: null, dbMb: null, trialDays: 30 },
] as const;

/** The default plans; an existing plan of the same code is left as the administrator set it. */
export const defaultPlans: Migration = {
  name: '0020-default-plans',
  async up(db: Kysely<unknown>) {
    for (const p of PLANS) {
      await sql`insert into plans (code, name, monthly_price_minor, currency, max_users, max_doctors, max_patients, max_db_mb, trial_days)
        values (${p.code}, ${p.name}, ${p.price}, 'USD', ${p.users}, ${p.doctors}, ${p.patients}, ${p.dbMb}, ${p.trialDays})
        on conflict (code) do nothing`.execute(db);
    }
  },
};
