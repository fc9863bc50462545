import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES } from './contract';
import { buildMedAdminApi } from './contract/build-api';
import type { Result } from './contract/errors';
import { EVENT_CHANNEL } from './contract/events';

/*
 * Runs sandboxed, before the page. The page gets exactly one object, window.medadmin: one
 * function per contract channel and `on` for the contract's events. It never sees ipcRenderer,
 * an IPC event object or any other channel. The build swaps './contract' for the bare list of
 * names, so no schema code ships here; main validates every input anyway.
 */

const NOT_SENT: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The request could not be sent to the application.' },
};

// an input that cannot be cloned (a function, a DOM node) rejects; the page still gets a Result
const { api, deliver } = buildMedAdminApi(CHANNEL_NAMES, (channel, input) => ipcRenderer.invoke(channel, input).catch(() => NOT_SENT));

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: { event: string; payload: unknown } | undefined) => {
  if (message) deliver(message.event, message.payload);
});

contextBridge.exposeInMainWorld('medadmin', api);
