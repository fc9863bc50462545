import type { ChannelInput, ChannelName, ChannelOutput } from '../preload/contract';
import { createDispatcher, type Dispatcher } from '../main/core/api/dispatcher';
import type { Core } from '../main/core/core';
import { streamLogger } from '../main/core/log';

/** A signed-in window, as the benchmark drives the app: every call goes through the dispatcher. */
export interface BenchClient {
  dispatcher: Dispatcher;
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

/** The dispatcher as the app builds it: info-level log (written nowhere here), no dialogs. */
export function benchDispatcher(core: Core): Dispatcher {
  return createDispatcher(core, { emit: () => undefined, logger: streamLogger('info', () => undefined) });
}

export async function signIn(core: Core, email: string, password: string, caller = 'bench:1'): Promise<BenchClient> {
  const dispatcher = benchDispatcher(core);
  const client: BenchClient = {
    dispatcher,
    async call(channel, input) {
      const result = await dispatcher.invoke(caller, channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
      return result.value as ChannelOutput<typeof channel>;
    },
  };
  await client.call('auth:signIn', { email, password });
  return client;
}
