import type { MedAdminApi } from '../../../preload/contract';
import type { ErrorPayload, Result } from '../../../preload/contract/errors';
import { endSession } from '../lib/end-session';
import { useBanner } from '../state/banner';
import { useSession } from '../state/session';
import { refreshSession } from './refresh-session';

export const SOMETHING_WENT_WRONG = 'Something went wrong. Please try again; if it keeps happening, tell your administrator.';

/**
 * Reacts to the errors no single form owns, and says whether the form should stay quiet:
 * - UNAUTHENTICATED while signed in: the session is gone in main, so back to sign-in.
 * - SUBSCRIPTION_READ_ONLY: the form says why it was refused, and the session is read again so
 *   the header and the standing read-only notice appear if the period ended while signed in.
 * - INTERNAL: a fixed text; main's log has the details, the screen never shows them.
 * - TENANT_UNAVAILABLE: the clinic's file cannot be used right now; main's message says so.
 */
function handleGlobally(error: ErrorPayload): boolean {
  const { show } = useBanner.getState();
  switch (error.code) {
    case 'UNAUTHENTICATED': {
      if (useSession.getState().status !== 'signed-in') return false;
      endSession(error.message);
      return true;
    }
    case 'SUBSCRIPTION_READ_ONLY':
      void refreshSession();
      return false;
    case 'INTERNAL':
      show(SOMETHING_WENT_WRONG);
      return true;
    case 'TENANT_UNAVAILABLE':
      show(error.message);
      return true;
    default:
      return false;
  }
}

/** A failure the calling form should show: its own message and per-field messages. */
export interface FormError {
  message: string | null;
  fields: Record<string, string>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FormError };

/**
 * Every call to main goes through here. A bridge that throws (it should not) counts as INTERNAL,
 * so a screen never hangs on a rejected promise.
 */
export async function request<T>(call: (api: MedAdminApi) => Promise<Result<T>>): Promise<Outcome<T>> {
  let result: Result<T>;
  try {
    result = await call(window.medadmin);
  } catch {
    result = { ok: false, error: { code: 'INTERNAL', message: SOMETHING_WENT_WRONG } };
  }
  if (result.ok) return result;
  const global = handleGlobally(result.error);
  return { ok: false, error: { message: global ? null : result.error.message, fields: result.error.fields ?? {} } };
}
