import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ChannelName } from '../../preload/contract';
import { create, person, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
let patientId: string;
beforeAll(async () => {
  t = await twoClinics();
  patientId = (await create(t.a)).id;
  for (const lastName of ['Smith', 'Sмит', '山田', "D'Arcy", 'Øster-Ålund']) await create(t.a, { lastName, phone: null, email: null });
}, 60_000);
afterAll(async () => t.api.dispose());

const CHANNELS: ChannelName[] = [
  'patients:search',
  'patients:list',
  'patients:listDeleted',
  'patients:get',
  'patients:findByMrn',
  'patients:checkDuplicates',
  'patients:create',
  'patients:update',
  'patients:delete',
  'patients:restore',
  'patients:merge',
  'patients:export',
  'patients:erase',
];

/** Text that tends to break things: unicode, quotes, SQL and FTS syntax, control characters. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('"', "'", '*', 'NOT', 'OR x', 'a AND b', '(', ')', '^', ':', '{name}:x', 'NEAR(a b)', "'; drop table patients; --", '\u0000', '𝔘𝔫𝔦', '%_', '  ', ''),
);
const value = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(nasty, { maxLength: 3 }), fc.object({ maxDepth: 1 }));

/** A valid-looking input for the channel with some fields replaced by random values. */
const mutated = (base: Record<string, unknown>) =>
  fc.dictionary(fc.constantFrom(...Object.keys(base), 'extra'), value, { maxKeys: 3 }).map((changes) => ({ ...base, ...changes }));

const bases = (): Record<string, Record<string, unknown>> => ({
  search: { q: 'smith', pageSize: 10 },
  list: { sort: 'name', order: 'asc' },
  id: { id: patientId },
  mrn: { mrn: '1000017' },
  fields: { ...person(), confirmDuplicate: false },
  update: { id: patientId, ...person() },
  merge: { survivorId: patientId, otherId: patientId },
  erase: { id: patientId, confirmMrn: '1000017' },
});

test('every patients channel answers any input with a Result, never a throw or an internal error', async () => {
  const base = bases();
  const inputs = fc.oneof(
    value,
    ...Object.values(base).map((b) => mutated(b)),
    fc.record({ q: nasty, pageSize: fc.oneof(fc.integer({ min: 1, max: 100 }), value), cursor: fc.oneof(nasty, fc.constant(null)) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...CHANNELS.filter((c) => c !== 'patients:erase')), inputs, async (channel, input) => {
      const result = await t.api.dispatcher.invoke(t.a.caller, channel, input);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.error.code, `${channel} ${JSON.stringify(input)}`).not.toBe('INTERNAL');
    }),
    { numRuns: 400 },
  );
}, 120_000);

test('any search text, however odd, is a valid search', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), async (q) => {
      const result = await t.a.call('patients:search', { q });
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }),
    { numRuns: 300 },
  );
}, 120_000);

test('random inputs to erase never erase without the right MRN', async () => {
  await fc.assert(
    fc.asyncProperty(mutated(bases().erase!), async (input) => {
      const result = await t.api.dispatcher.invoke(t.a.caller, 'patients:erase', { ...input, id: patientId });
      if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
      else expect(input.confirmMrn).toBe('1000017');
    }),
    { numRuns: 150 },
  );
}, 120_000);
