import type { z } from 'zod';

/**
 * One channel of the bridge: the schema its input must pass in main, and (as a type only) what
 * it answers. `channel<Output>()(inputSchema)` fixes the output type and infers the input.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Type-level only; never set at run time. */
  readonly output?: O;
}

export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input });

type ChannelGroup = Record<`${string}:${string}`, ChannelSpec>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins the per-domain channel lists; a name declared twice is a start-up error, not a silent overwrite. */
type Merged<G extends ChannelGroup[]> = [G[number]] extends [never] ? Record<never, ChannelSpec> : UnionToIntersection<G[number]>;

export function mergeChannels<G extends ChannelGroup[]>(...groups: G): Merged<G> {
  const merged: Record<string, ChannelSpec> = {};
  for (const group of groups) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in merged) throw new Error(`channel ${name} is declared twice`);
      if (!/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/.test(name)) throw new Error(`channel ${name} is not named domain:verb`);
      merged[name] = spec;
    }
  }
  return merged as Merged<G>;
}
