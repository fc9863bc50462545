/**
 * The wire between the bridge in the page and the harness server. Shared by both so a renamed
 * header cannot leave one side talking to nobody.
 */
export const TOKEN_HEADER = 'x-medadmin-token';
export const CALLER_HEADER = 'x-medadmin-caller';
export const RPC_PATH = '/rpc';
export const EVENTS_PATH = '/events';
/** Test-only control: moves the core's clock forward, for the idle sign-out. */
export const CLOCK_PATH = '/__harness/clock';

/** The global the init script sets just before the bridge runs; the bridge deletes it. */
export const TOKEN_GLOBAL = '__MEDADMIN_HARNESS_TOKEN__';

/** One id per browser tab, kept in sessionStorage so a reload stays the same caller (as an Electron window does). */
export const CALLER_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export interface RpcRequest {
  channel: string;
  input: unknown;
}

export interface EventMessage {
  event: string;
  payload: unknown;
}

/** The one line the server prints on stdout once it listens. */
export interface ReadyLine {
  url: string;
  token: string;
  pid: number;
}
