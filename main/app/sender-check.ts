import type { IpcMainInvokeEvent, WebContents } from 'electron';

export interface SenderPolicy {
  /** True for the webContents of a window the app opened itself. */
  isAppContents(contents: WebContents): boolean;
  /** True for a URL on the app's own origin (or the dev server's while developing). */
  isAppUrl(url: string): boolean;
}

/**
 * An IPC message is served only when it comes from the main frame of an app window showing an
 * app page: not from an iframe, not from another window, not after a navigation elsewhere.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || !policy.isAppContents(event.sender)) return false;
  const main = event.sender.mainFrame;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
  return policy.isAppUrl(frame.url);
}
