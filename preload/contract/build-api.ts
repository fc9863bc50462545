import type { Result } from './errors';
import { EVENT_NAMES, type EventName } from './events';
import type { MedAdminApi } from './index';

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface BuiltApi {
  /** The object a page sees as window.medadmin. */
  api: MedAdminApi;
  /** Hands an event from main to the page's subscribers: the payload only, never the transport's event. */
  deliver(event: string, payload: unknown): void;
}

type Listener = (payload: unknown) => void;

/**
 * Builds window.medadmin over a transport: IPC in the preload, HTTP in the browser test harness.
 * One function per channel (`medadmin.patients.search` for `patients:search`) and `on` for the
 * contract's events only. Takes the channel names rather than the contract so that the sandboxed
 * preload ships no schema code.
 */
export function buildMedAdminApi(channelNames: readonly string[], invoke: Invoke): BuiltApi {
  const listeners = new Map<string, Set<Listener>>(EVENT_NAMES.map((name) => [name, new Set<Listener>()]));
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    const split = name.indexOf(':');
    const group = (api[name.slice(0, split)] ??= {}) as Record<string, unknown>;
    group[name.slice(split + 1)] = (input: unknown) => invoke(name, input);
  }
  api.on = (event: EventName, listener: Listener): (() => void) => {
    const set = listeners.get(event);
    if (!set || typeof listener !== 'function') throw new TypeError('Unknown event or listener.');
    const wrapped: Listener = (payload) => listener(payload);
    set.add(wrapped);
    return () => void set.delete(wrapped);
  };
  for (const group of Object.values(api)) if (typeof group === 'object' && group) Object.freeze(group);
  return {
    api: Object.freeze(api) as MedAdminApi,
    deliver(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (err) {
          console.error(err);
        }
      }
    },
  };
}
