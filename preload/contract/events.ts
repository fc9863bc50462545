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
  reason: 'signed-out' | 'idle-timeout' | 'account-disabled' | 'clinic-unavailable';
}

export interface EventMap {
  progress: ProgressEvent;
  'session-ended': SessionEndedEvent;
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['progress', 'session-ended'];
