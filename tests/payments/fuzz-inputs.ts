import fc from 'fast-check';
import { expect } from 'vitest';
import type { ChannelName } from '../../preload/contract';
import type { SignedIn } from '../helpers/api';

/** Values that tend to break things: odd text, odd numbers, wrong types, nesting. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', "'; drop table payments; --", '\u0000', '=1+1', '9999-12-31', '0000-00-00', '2025-02-29', '2024-02-29', 'NaN', '-0', '1e309'),
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e15, 1e21, Infinity, -Infinity, Number.NaN, 0.5),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.uuid(),
  fc.array(fc.oneof(nasty, number), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

/** A valid input with some of its fields (or some nested ones) replaced by random values. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = [...Object.keys(base), 'extra'];
  return fc.dictionary(fc.constantFrom(...keys), fc.oneof(value, ...Object.values(base).filter((v) => typeof v === 'object' && v !== null).map((v) => mutatedAny(v))), { maxKeys: 3 }).map((changes) => ({ ...base, ...changes }));
}

function mutatedAny(base: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(base)) return fc.array(base.length ? mutatedAny(base[0]) : value, { maxLength: 3 });
  if (typeof base === 'object' && base !== null) return mutated(base as Record<string, unknown>);
  return value;
}

/**
 * Sends random and half-valid inputs to each channel through the dispatcher: every answer must
 * be a Result, and never an INTERNAL error (a crash hidden behind a polite message).
 */
export async function fuzzChannels(who: SignedIn, bases: Partial<Record<ChannelName, Record<string, unknown>>>, numRuns: number): Promise<void> {
  const entries = Object.entries(bases) as [ChannelName, Record<string, unknown>][];
  const calls = fc.constantFrom(...entries).chain(([channel, base]) => fc.tuple(fc.constant(channel), fc.oneof(value, mutatedAny(base))));
  await fc.assert(
    fc.asyncProperty(calls, async ([channel, input]) => {
      const result = await who.api.dispatcher.invoke(who.caller, channel, input);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.error.code, `${channel} ${JSON.stringify(input)}`).not.toBe('INTERNAL');
    }),
    { numRuns },
  );
}
