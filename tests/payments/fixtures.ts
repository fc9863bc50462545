import type { ChannelInput } from '../../preload/contract';
import type { Appointment } from '../../preload/contract/channels/appointments';
import type { CatalogueItem } from '../../preload/contract/channels/catalogue';
import type { SignedIn, TestClock } from '../helpers/api';

/**
 * Shared by the payments, sales and reports tests. Clinics come from the appointments fixtures
 * (two clinics in Europe/Berlin, EUR, on a hand-moved clock); these add money to them.
 */

/** A visit booked at `start` (outside working hours if need be) and taken to completed: a charge of `feeMinor`. */
export async function completedVisit(admin: SignedIn, patientId: string, doctorId: string, start: string, feeMinor: number): Promise<Appointment> {
  const a = await admin.ok('appointments:book', { patientId, doctorId, start, feeMinor, force: true });
  for (const status of ['arrived', 'in_progress', 'completed'] as const) await admin.ok('appointments:setStatus', { id: a.id, status });
  return a;
}

let items = 0;
export function addProduct(admin: SignedIn, overrides: Partial<ChannelInput<'catalogue:create'>> = {}): Promise<CatalogueItem> {
  return admin.ok('catalogue:create', { kind: 'product', name: `Product ${++items}`, priceMinor: 1000, taxRateBp: 1900, stock: 10, ...overrides });
}
export function addService(admin: SignedIn, overrides: Partial<ChannelInput<'catalogue:create'>> = {}): Promise<CatalogueItem> {
  return admin.ok('catalogue:create', { kind: 'service', name: `Service ${++items}`, priceMinor: 2500, taxRateBp: 700, ...overrides });
}

/**
 * Sets the clock and signs everyone in again: a jump forward past the idle limit would
 * otherwise sign them out, as it should.
 */
export async function at(clock: TestClock, iso: string, people: SignedIn[]): Promise<void> {
  clock.set(new Date(iso));
  for (const p of people) await p.ok('auth:signIn', { email: p.email, password: p.password });
}
