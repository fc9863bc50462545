import type { z } from 'zod';
import type { ChannelSpec } from './define';
import { mergeChannels } from './define';
import type { Result } from './errors';
import type { EventMap, EventName } from './events';

/**
 * Every channel the renderer may call. Main's handler table, the preload's window.medadmin and
 * the renderer's calls are all derived from this object. Each domain lists its channels in
 * channels/<domain>.ts.
 */
export const CONTRACT = mergeChannels();

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract & string;
export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];

type SpecOf<C extends ChannelName> = Contract[C] extends ChannelSpec ? Contract[C] : never;
/** What the renderer passes. */
export type ChannelInput<C extends ChannelName> = z.input<SpecOf<C>['input']>;
/** What the handler receives after validation (defaults filled, strings trimmed). */
export type ParsedInput<C extends ChannelName> = z.output<SpecOf<C>['input']>;
export type ChannelOutput<C extends ChannelName> = SpecOf<C> extends ChannelSpec<z.ZodType, infer O> ? O : never;

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;

/** window.medadmin: `medadmin.patients.search(input)` for channel `patients:search`. */
export type MedAdminApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  };
} & {
  /** Subscribes to a main→renderer event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** Splits `domain:verb` for building the nested window.medadmin object. */
export function splitChannel(name: string): [domain: string, verb: string] {
  const i = name.indexOf(':');
  return [name.slice(0, i), name.slice(i + 1)];
}
