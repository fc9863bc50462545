import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../preload/contract';
import type { Result } from '../../preload/contract/errors';
import type { EventName } from '../../preload/contract/events';
import type { Dispatcher } from '../core/api/dispatcher';
import { toErrorPayload } from '../core/errors';
import type { Logger } from '../core/log';
import { EVENT_CHANNEL } from '../../preload/contract/events';
import { logError } from './log-error';
import { isTrustedSender, type SenderPolicy } from './sender-check';

const callerOf = (contents: WebContents): string => `wc:${contents.id}`;

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not use the app.' } };

/**
 * Binds every contract channel, and nothing else, to the dispatcher. The caller is the sending
 * window, never anything in the message; a window's session is dropped when it is destroyed.
 * Returns the function that unbinds, for shutdown.
 */
export function bindIpc(ipcMain: IpcMain, dispatcher: Pick<Dispatcher, 'invoke' | 'dropCaller'>, policy: SenderPolicy, log: Logger): () => void {
  const watched = new Set<number>();
  const watch = (contents: WebContents): void => {
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    const caller = callerOf(contents);
    contents.once('destroyed', () => {
      watched.delete(contents.id);
      dispatcher.dropCaller(caller).catch((err: unknown) => logError(log, 'ipc.drop-caller.failed', err));
    });
  };

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, policy)) {
        log.write({ level: 'warn', event: 'ipc.sender.refused', channel });
        return FORBIDDEN;
      }
      watch(event.sender);
      try {
        return await dispatcher.invoke(callerOf(event.sender), channel, input);
      } catch (err) {
        // the dispatcher answers every failure as data; this is the net under it
        logError(log, 'ipc.dispatch.failed', err, channel);
        return { ok: false, error: toErrorPayload(err) };
      }
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends an event to one caller's window only; other windows (other sessions) never see it. */
export function eventSender(findContents: (id: number) => WebContents | undefined): (caller: string, event: EventName, payload: unknown) => void {
  return (caller, event, payload) => {
    const match = /^wc:(\d+)$/.exec(caller);
    const contents = match ? findContents(Number(match[1])) : undefined;
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  };
}
