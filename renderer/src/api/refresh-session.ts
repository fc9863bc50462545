import { endSession } from '../lib/end-session';
import { useSession } from '../state/session';

/**
 * A fresh picture of the session from main, after something it shows changed (plan, days left,
 * idle limit, read-only). Calls the bridge directly: it runs from inside error handling, and a
 * failure here changes nothing on screen.
 */
export async function refreshSession(): Promise<void> {
  try {
    const result = await window.medadmin.session.get({});
    if (!result.ok) return;
    if (result.value) useSession.getState().signedIn(result.value);
    else if (useSession.getState().status === 'signed-in') endSession(null);
  } catch {
    // the next call reports the problem
  }
}
