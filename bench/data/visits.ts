import type { Faker } from '@faker-js/faker';
import type { BenchClient } from '../client';
import type { KnownPatient } from './bulk-patients';

const DOCTORS = 4;
const VISITS_PER_PATIENT = 3;
const SLOT_MINUTES = 15;
const SLOTS_PER_DAY = 48; // 07:00 to 19:00
const DAY = { start: '07:00', end: '19:00' };

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Gives `count` patients a history through the handlers, as the front desk would build it:
 * appointments with four doctors and, where the payments module exists, a payment for each
 * first visit. Returns the ids of those patients (the records the read benchmark opens).
 */
export async function addVisits(client: BenchClient, known: readonly KnownPatient[], count: number, faker: Faker): Promise<string[]> {
  const hours = { sun: [DAY], mon: [DAY], tue: [DAY], wed: [DAY], thu: [DAY], fri: [DAY], sat: [DAY] };
  const doctors: string[] = [];
  for (let d = 0; d < DOCTORS; d++) {
    const doctor = await client.call('doctors:create', { fullName: `Dr ${faker.person.fullName()}`, specialty: 'General practice', workingHours: hours, defaultAppointmentMinutes: SLOT_MINUTES });
    doctors.push(doctor.id);
  }
  const firstDay = new Date(Date.now() + 86_400_000);
  const patients = faker.helpers.arrayElements(known, count);
  let slot = 0;
  for (const patient of patients) {
    for (let v = 0; v < VISITS_PER_PATIENT; v++, slot++) {
      const perDoctor = Math.floor(slot / DOCTORS);
      const day = new Date(firstDay.getTime() + Math.floor(perDoctor / SLOTS_PER_DAY) * 86_400_000).toISOString().slice(0, 10);
      const minutes = 7 * 60 + (perDoctor % SLOTS_PER_DAY) * SLOT_MINUTES;
      const appointment = await client.call('appointments:book', {
        patientId: patient.id,
        doctorId: doctors[slot % DOCTORS]!,
        localStart: `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
        reason: faker.helpers.arrayElement(['Check-up', 'Follow-up', 'Vaccination', 'Blood test', 'Back pain']),
        feeMinor: faker.helpers.arrayElement([2500, 4000, 6500]),
      });
      if (v === 0) {
        await client.call('payments:create', { patientId: patient.id, appointmentId: appointment.id, amountMinor: appointment.feeMinor, method: 'card', reference: null });
      }
    }
  }
  return patients.map((p) => p.id);
}
