import type { ChannelInput } from '../../preload/contract';
import type { Patient } from '../../preload/contract/channels/patients';
import type { TenantDB } from '../../main/core/clinic/schema';
import type { Kysely } from 'kysely';
import { registerViaApi, startApi, testClock, type Api, type SignedIn, type TestClock } from '../helpers/api';

export const NOW = new Date('2025-03-24T10:00:00Z');

export interface TwoClinics {
  api: Api;
  clock: TestClock;
  /** Owners of two clinics on one core, each signed in with that clinic active. */
  a: SignedIn;
  b: SignedIn;
}

export async function twoClinics(): Promise<TwoClinics> {
  const clock = testClock(NOW);
  const api = await startApi({ clock });
  const a = await registerViaApi(api, 'Alpha Clinic');
  const b = await registerViaApi(api, 'Beta Clinic');
  return { api, clock, a, b };
}

export type PatientInput = ChannelInput<'patients:create'>;

export const person = (overrides: Partial<PatientInput> = {}): PatientInput => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  dob: '1985-12-10',
  sex: 'female',
  phone: '+44 20 7946 0018',
  email: 'ada@example.org',
  ...overrides,
});

/** Creates a patient, confirming past any duplicate warning. */
export async function create(client: SignedIn, overrides: Partial<PatientInput> = {}): Promise<Patient> {
  const result = await client.ok('patients:create', { ...person(overrides), confirmDuplicate: true });
  if (result.status !== 'created') throw new Error('expected a created patient');
  return result.patient;
}

/** Runs `fn` on the signed-in person's active clinic database, for looking inside the file. */
export function clinicDb<T>(client: SignedIn, fn: (db: Kysely<TenantDB>) => Promise<T>): Promise<T> {
  const clinic = client.session.activeClinic;
  if (!clinic) throw new Error('no active clinic');
  return client.api.core.tenants.use({ id: clinic.id, slug: clinic.slug }, (h) => fn(h.db));
}

export async function auditOf(client: SignedIn, entityId: string) {
  return clinicDb(client, (db) => db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute());
}
