import type { Faker } from '@faker-js/faker';
import type { PatientFields } from '../../preload/contract/channels/patients';

/**
 * Synthetic patients as a front desk would type them. Names are drawn from pools made once by
 * faker (calling faker per name costs minutes at a million); every patient of the clinic shares
 * the "+1 555" prefix, the most common substring a search can meet.
 */
interface PeopleSource {
  next(): PatientFields;
}

const ALLERGIES = ['Penicillin', 'Peanuts', 'Latex', 'Aspirin', 'Shellfish', 'Sulfa drugs'];

export function peopleSource(faker: Faker): PeopleSource {
  const pool = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
  const female = pool(800, () => faker.person.firstName('female'));
  const male = pool(800, () => faker.person.firstName('male'));
  const last = pool(3_000, () => faker.person.lastName());
  const streets = pool(2_000, () => `${faker.location.streetAddress()}, ${faker.location.city()}`);
  const insurers = pool(20, () => faker.company.name());
  const pick = <T>(list: readonly T[]): T => list[faker.number.int(list.length - 1)]!;
  const digits = (n: number): string => String(faker.number.int(10 ** n - 1)).padStart(n, '0');
  const oldest = Date.UTC(1930, 0, 1);
  const youngest = Date.UTC(2024, 11, 31);

  return {
    next() {
      const roll = faker.number.int(99);
      const sex = roll < 49 ? 'female' : roll < 98 ? 'male' : roll === 98 ? 'other' : 'unknown';
      const firstName = pick(sex === 'male' ? male : female);
      const lastName = pick(last);
      const day = new Date(oldest + faker.number.int((youngest - oldest) / 86_400_000) * 86_400_000);
      return {
        firstName,
        lastName,
        dob: day.toISOString().slice(0, 10),
        dobApproximate: roll === 97,
        sex,
        phone: `+1 555 ${digits(3)} ${digits(4)}`,
        email: roll % 5 < 2 ? `${firstName}.${lastName}${digits(2)}@example.com`.toLowerCase() : null,
        address: roll % 2 === 0 ? pick(streets) : null,
        nationalId: roll % 3 === 0 ? faker.string.alphanumeric({ length: 9, casing: 'upper' }) : null,
        emergencyContactName: roll % 4 === 0 ? `${pick(female)} ${lastName}` : null,
        emergencyContactPhone: roll % 4 === 0 ? `+1 555 ${digits(3)} ${digits(4)}` : null,
        insuranceProvider: roll % 3 === 1 ? pick(insurers) : null,
        insurancePolicyNumber: roll % 3 === 1 ? faker.string.alphanumeric({ length: 12, casing: 'upper' }) : null,
        allergies: roll % 10 === 0 ? pick(ALLERGIES) : null,
        notes: null,
      };
    },
  };
}
