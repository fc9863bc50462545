import type { AppointmentStatus } from '../../../../preload/contract/channels/appointments';
import { AppError } from '../../errors';

/**
 * The only moves an appointment can make. Completed, cancelled and no-show are final: a
 * mistake there is corrected by booking again, so the history never rewrites itself.
 */
const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['arrived', 'cancelled', 'no_show'],
  arrived: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

const LABEL: Record<AppointmentStatus, string> = {
  scheduled: 'scheduled',
  arrived: 'checked in',
  in_progress: 'in progress',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'a no-show',
};

/** Still holding the doctor's time: these block another booking in the same slot. */
export const BLOCKING: readonly AppointmentStatus[] = ['scheduled', 'arrived', 'in_progress', 'completed'];

export function assertMove(from: AppointmentStatus, to: AppointmentStatus): void {
  if (!NEXT[from].includes(to)) throw new AppError('CONFLICT', `An appointment that is ${LABEL[from]} cannot become ${LABEL[to]}.`);
}

export function assertStatus(current: AppointmentStatus, allowed: readonly AppointmentStatus[], what: string): void {
  if (!allowed.includes(current)) throw new AppError('CONFLICT', `An appointment that is ${LABEL[current]} cannot be ${what}.`);
}
