import { request } from '../api/request';
import { endSession } from './end-session';

/** Ends the session in main; the screen returns to sign-in even if main had already ended it. */
export async function signOut(): Promise<void> {
  await request((api) => api.auth.signOut({}));
  endSession('You have signed out.');
}
