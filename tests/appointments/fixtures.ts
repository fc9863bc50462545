import type { ChannelInput } from '../../preload/contract';
import type { Doctor, WorkingHours } from '../../preload/contract/channels/doctors';
import { registerViaApi, startApi, testClock, type Api, type SignedIn, type TestClock } from '../helpers/api';

/**
 * Two clinics side by side on one real core (Europe/Berlin, EUR), each with its owner signed in.
 * The clock stands on Monday 24 March 2025, 11:00 in Berlin (10:00 UTC): the week before the
 * clocks go forward (Sunday 30 March, 02:00 → 03:00).
 */
export const MONDAY_11_BERLIN = new Date('2025-03-24T10:00:00Z');

export interface TwoClinics {
  api: Api;
  clock: TestClock;
  north: SignedIn;
  south: SignedIn;
}

export async function twoClinics(now: Date = MONDAY_11_BERLIN): Promise<TwoClinics> {
  const clock = testClock(now);
  const api = await startApi({ clock });
  const north = await registerViaApi(api, 'North Clinic');
  const south = await registerViaApi(api, 'South Clinic');
  return { api, clock, north, south };
}

const nineToFive = [{ start: '09:00', end: '17:00' }];
export const WEEKDAYS_9_TO_5: WorkingHours = { sun: [], mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [] };
export const EVERY_DAY_9_TO_5: WorkingHours = { ...WEEKDAYS_9_TO_5, sat: nineToFive, sun: nineToFive };

let doctors = 0;
export function addDoctor(admin: SignedIn, overrides: Partial<ChannelInput<'doctors:create'>> = {}): Promise<Doctor> {
  return admin.ok('doctors:create', {
    fullName: `Dr Test ${++doctors}`,
    workingHours: WEEKDAYS_9_TO_5,
    defaultAppointmentMinutes: 30,
    ...overrides,
  });
}

let patients = 0;
export async function addPatient(admin: SignedIn, firstName = 'Ada'): Promise<string> {
  const result = await admin.ok('patients:create', {
    firstName,
    lastName: `Patient${String.fromCharCode(97 + (++patients % 26))}${patients}`,
    dob: '1980-01-01',
    confirmDuplicate: true,
  });
  if (result.status !== 'created') throw new Error('patient not created');
  return result.patient.id;
}

/** A doctor working weekdays 9–17 in Berlin with a 30-minute default, and one patient. */
export async function doctorAndPatient(admin: SignedIn, doctor: Partial<ChannelInput<'doctors:create'>> = {}) {
  return { doctor: await addDoctor(admin, doctor), patientId: await addPatient(admin) };
}
