/**
 * TEST TOOL: bundled at e2e setup and injected before the app's own scripts. It gives the page
 * the same `window.medadmin` the Electron preload gives it, built from the same contract lists,
 * but carried over HTTP to the harness server instead of IPC. The renderer cannot tell the
 * difference, so the code under test is the production bundle unchanged.
 */
import { CHANNEL_NAMES } from '../../../preload/contract';
import { buildMedAdminApi } from '../../../preload/contract/build-api';
import type { Result } from '../../../preload/contract/errors';
import { CALLER_HEADER, CALLER_PATTERN, EVENTS_PATH, RPC_PATH, TOKEN_GLOBAL, TOKEN_HEADER, type EventMessage } from './protocol';

const scope = globalThis as unknown as Record<string, unknown>;
const token = String(scope[TOKEN_GLOBAL] ?? '');
delete scope[TOKEN_GLOBAL];

function callerId(): string {
  const key = 'medadmin-harness-caller';
  const kept = sessionStorage.getItem(key);
  if (kept && CALLER_PATTERN.test(kept)) return kept;
  const fresh = crypto.randomUUID();
  sessionStorage.setItem(key, fresh);
  return fresh;
}
const caller = callerId();

const unreachable: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong. The details were written to the application log.' },
};

async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(RPC_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, [CALLER_HEADER]: caller },
      body: JSON.stringify({ channel, input: input ?? null }),
    });
    return res.ok ? ((await res.json()) as Result<unknown>) : unreachable;
  } catch {
    return unreachable;
  }
}

const { api, deliver } = buildMedAdminApi(CHANNEL_NAMES, invoke);

const source = new EventSource(`${EVENTS_PATH}?${new URLSearchParams({ token, caller })}`);
source.onmessage = (message: MessageEvent<string>) => {
  const { event, payload } = JSON.parse(message.data) as EventMessage;
  deliver(event, payload);
};

Object.defineProperty(window, 'medadmin', { value: api, enumerable: true });
