import { useBanner } from '../state/banner';
import { useNavigation } from '../state/navigation';
import { useSession } from '../state/session';

/** Back to the sign-in screen with a reason; the one path for sign-out, time-out and a lost session. */
export function endSession(notice: string | null): void {
  useBanner.getState().dismiss();
  useNavigation.getState().showPage('home');
  useNavigation.getState().showSignedOut('sign-in');
  useSession.getState().signedOut(notice);
}
