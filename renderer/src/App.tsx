import { useEffect } from 'react';
import type { SessionEndedEvent } from '../../preload/contract/events';
import { request } from './api/request';
import { BannerBar } from './components/BannerBar';
import { RegisterPage } from './pages/RegisterPage';
import { Shell } from './pages/Shell';
import { SignInPage } from './pages/SignInPage';
import { endSession } from './lib/end-session';
import { useNavigation } from './state/navigation';
import { useSession } from './state/session';

function endedMessage(reason: SessionEndedEvent['reason'], idleMinutes: number | undefined): string {
  switch (reason) {
    case 'idle-timeout':
      return `You were signed out after ${idleMinutes ?? 'several'} minutes without activity, to keep patient records private. Sign in again to continue.`;
    case 'account-disabled':
      return 'Your account was disabled. Ask your clinic’s owner or practice manager for help.';
    default:
      return 'You have been signed out.';
  }
}

export function App() {
  const status = useSession((s) => s.status);
  const session = useSession((s) => s.session);
  const signedOutView = useNavigation((s) => s.signedOutView);

  useEffect(() => {
    void request((api) => api.session.get({})).then((outcome) => {
      const { signedIn, signedOut } = useSession.getState();
      if (outcome.ok && outcome.value) signedIn(outcome.value);
      else signedOut();
    });
    return window.medadmin.on('session-ended', ({ reason }) => {
      const state = useSession.getState();
      if (state.status === 'signed-in') endSession(endedMessage(reason, state.session?.idleTimeoutMinutes));
    });
  }, []);

  if (status === 'starting') return <div className="starting" aria-busy="true" />;
  if (status === 'signed-in' && session) return <Shell session={session} />;
  return (
    <>
      <BannerBar />
      {signedOutView === 'register' ? <RegisterPage /> : <SignInPage />}
    </>
  );
}
