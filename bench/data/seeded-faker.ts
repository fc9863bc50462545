import { base, en, Faker } from '@faker-js/faker';

/** Seeded, so two runs build the same data and their figures compare. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}
