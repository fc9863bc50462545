import { statSync } from 'node:fs';
import { AppError } from '../errors';
import type { PlanRow } from '../master/schema';
import type { ClinicContext } from './handler';

export type CountLimit = 'max_users' | 'max_doctors' | 'max_patients';

const NOUN: Record<CountLimit, string> = { max_users: 'users', max_doctors: 'doctors', max_patients: 'patients' };

function limitReached(plan: PlanRow, limit: CountLimit | 'max_db_mb', value: number, what: string): AppError {
  return new AppError('LIMIT_REACHED', `The ${plan.name} plan allows at most ${value} ${what} (${limit} = ${value}). An owner can change the plan.`, {
    [limit]: String(value),
  });
}

/**
 * Refuses adding `adding` more when the plan's limit would be passed. Call it with the count as
 * it is now, inside the transaction that adds, so two additions cannot both slip under.
 */
export function assertWithinLimit(ctx: { clinic: Pick<ClinicContext, 'plan'> }, limit: CountLimit, currentCount: number, adding = 1): void {
  const max = ctx.clinic.plan[limit];
  if (max !== null && currentCount + adding > max) throw limitReached(ctx.clinic.plan, limit, max, NOUN[limit]);
}

/** The database file with its write-ahead log, in bytes. */
function databaseBytes(file: string): number {
  let total = statSync(file).size;
  try {
    total += statSync(`${file}-wal`).size;
  } catch {
    // no WAL file at the moment: nothing to add
  }
  return total;
}

/** Refuses writes once the clinic's database has grown past the plan's max_db_mb. */
export function assertDbWithinLimit(plan: PlanRow, dbFile: string): void {
  if (plan.max_db_mb === null) return;
  if (databaseBytes(dbFile) > plan.max_db_mb * 1024 * 1024) throw limitReached(plan, 'max_db_mb', plan.max_db_mb, 'MB of clinic data');
}
