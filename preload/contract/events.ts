/** Events main sends to the renderer; the preload lets the page subscribe to these names only. */
export interface ProgressEvent {
  /** Which long operation: a backup, restore, migrate-all or import. */
  operation: 'backup' | 'restore' | 'migrate' | 'import' | 'export';
  /** Identifies one run, so a screen can follow the one it started. */
  runId: string;
  done: number;
  total: number;
  /** Short, non-identifying text such as a clinic name or "Verifying". */
  label?: string;
}

export interface SessionEndedEvent {
  reason: 'signed-out' | 'idle-timeout' | 'account-disabled';
}

export interface EventMap {
  progress: ProgressEvent;
  'session-ended': SessionEndedEvent;
}

export type EventName = keyof EventMap;
// a Record over EventName: the compiler refuses this list if an event is added to EventMap and not here
const EVENTS: Record<EventName, true> = { progress: true, 'session-ended': true };
export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];

/**
 * The one IPC channel main uses to push events to a window. Not shaped `domain:verb`, so it can
 * never collide with a contract channel.
 */
export const EVENT_CHANNEL = 'medadmin/event';
