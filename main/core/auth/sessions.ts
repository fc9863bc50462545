import { randomBytes } from 'node:crypto';
import type { EventMap } from '../../../preload/contract/events';
import type { Session } from '../api/handler';
import type { Clock } from '../clock';

export type EndReason = EventMap['session-ended']['reason'];

export interface SessionUserRef {
  id: string;
  email: string;
  fullName: string;
}

/**
 * Who is signed in, per caller (one window or harness client). Held in main's memory only:
 * the renderer never sees a token, so a script injected into a page has nothing to steal or
 * replay, and a session dies with the process.
 */
export class SessionStore {
  readonly #byCaller = new Map<string, Session>();
  readonly #clock: Clock;
  readonly #notify: (caller: string, reason: EndReason) => void;

  constructor(clock: Clock, notify: (caller: string, reason: EndReason) => void) {
    this.#clock = clock;
    this.#notify = notify;
  }

  get(caller: string): Session | undefined {
    return this.#byCaller.get(caller);
  }

  /** A fresh session with a new random 256-bit token, replacing whatever the caller had. */
  start(caller: string, user: SessionUserRef, activeClinicId: string | null): Session {
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      userId: user.id,
      email: user.email,
      fullName: user.fullName,
      activeClinicId,
      lastActivityAt: this.#clock().getTime(),
    };
    this.#byCaller.set(caller, session);
    return session;
  }

  /** Ends the caller's session; with a reason, its window is told why. */
  end(caller: string, reason: EndReason | null): boolean {
    const existed = this.#byCaller.delete(caller);
    if (existed && reason) this.#notify(caller, reason);
    return existed;
  }

  /** Ends every session the predicate picks (another person's, from an administrator's action). */
  endWhere(reason: EndReason, pick: (session: Session, caller: string) => boolean): number {
    let ended = 0;
    for (const [caller, session] of [...this.#byCaller]) {
      if (pick(session, caller) && this.end(caller, reason)) ended += 1;
    }
    return ended;
  }

  entries(): [caller: string, session: Session][] {
    return [...this.#byCaller];
  }
}
