import { create } from 'zustand';
import type { SessionInfo } from '../../../preload/contract/channels/session';

type SessionStatus = 'starting' | 'signed-out' | 'signed-in';

interface SessionState {
  status: SessionStatus;
  session: SessionInfo | null;
  /** Why the person is looking at the sign-in screen (signed out, idle timeout), if there is a reason to say. */
  notice: string | null;
  signedIn(session: SessionInfo): void;
  signedOut(notice?: string | null): void;
  dismissNotice(): void;
}

/** What main says about who is signed in; main holds the token, the renderer only this picture of it. */
export const useSession = create<SessionState>()((set) => ({
  status: 'starting',
  session: null,
  notice: null,
  signedIn: (session) => set({ status: 'signed-in', session, notice: null }),
  signedOut: (notice = null) => set({ status: 'signed-out', session: null, notice }),
  dismissNotice: () => set({ notice: null }),
}));
