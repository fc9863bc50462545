import type { ChannelName, ChannelOutput, ParsedInput } from '../../../preload/contract';
import type { EventMap, EventName } from '../../../preload/contract/events';
import type { SessionStore } from '../auth/sessions';
import type { AuditActor } from '../clinic/audit';
import type { Core } from '../core';
import type { PlanRow, Role, SubscriptionRow } from '../master/schema';
import type { TenantHandle } from '../tenancy/open-tenant';
import type { Action } from '../../../preload/contract/actions';

/** A signed-in person, as main holds it. The token never leaves main. */
export interface Session {
  token: string;
  userId: string;
  email: string;
  fullName: string;
  activeClinicId: string | null;
  /** ms since epoch of the last call, for the automatic sign-out. */
  lastActivityAt: number;
}

/** The session's active clinic, resolved by the dispatcher for this one call. */
export interface ClinicContext {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  role: Role;
  plan: PlanRow;
  subscription: SubscriptionRow;
  /** Trial or period ended, or cancelled: reads and exports only. */
  readOnly: boolean;
  /** The clinic's open database, leased for the duration of the call. */
  tenant: TenantHandle;
}

/**
 * Native file dialogs, run in main and passed into the core by the Electron adapter (the
 * browser harness passes its own). The renderer never supplies a path: it asks main to ask the
 * person. Each resolves to null when the person cancels.
 */
export interface FileDialogs {
  chooseSaveFile(options: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  chooseOpenFile(options: { title: string; extensions: string[] }): Promise<string | null>;
  chooseFolder(options: { title: string }): Promise<string | null>;
}

export interface BaseContext {
  core: Core;
  dialogs: FileDialogs;
  /** Who is calling: one window (Electron webContents) or one harness client. */
  caller: string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** The caller's live session (already checked for idleness), or null when signed out. */
  session: Session | null;
  /** Every caller's session: for signing in and out, and for ending another person's sessions. */
  sessions: SessionStore;
}

export interface SessionContext extends BaseContext {
  session: Session;
}

export interface ClinicHandlerContext extends SessionContext {
  clinic: ClinicContext;
}

/**
 * Who may call a channel: anyone (sign-in, registration), any signed-in person (their own
 * session, switching), or holders of a clinic action. `write` channels are refused while the
 * clinic's subscription is read-only.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'clinic'; action: Action; write: boolean };

type Run<Ctx, C extends ChannelName> = (ctx: Ctx, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;

export type HandlerDef<C extends ChannelName> =
  | { access: { kind: 'public' }; run: Run<BaseContext, C> }
  | { access: { kind: 'session' }; run: Run<SessionContext, C> }
  | { access: { kind: 'clinic'; action: Action; write: boolean }; run: Run<ClinicHandlerContext, C> };

/** Exactly one handler per channel: a missing or unknown name is a compile error. */
export type HandlerTable = { [C in ChannelName]: HandlerDef<C> };

export const publicHandler = <C extends ChannelName>(run: Run<BaseContext, C>): HandlerDef<C> => ({ access: { kind: 'public' }, run });
export const sessionHandler = <C extends ChannelName>(run: Run<SessionContext, C>): HandlerDef<C> => ({ access: { kind: 'session' }, run });
export const clinicReader = <C extends ChannelName>(action: Action, run: Run<ClinicHandlerContext, C>): HandlerDef<C> => ({
  access: { kind: 'clinic', action, write: false },
  run,
});
export const clinicWriter = <C extends ChannelName>(action: Action, run: Run<ClinicHandlerContext, C>): HandlerDef<C> => ({
  access: { kind: 'clinic', action, write: true },
  run,
});

/**
 * Changes that must stay possible while the clinic is read-only: renewing its subscription and
 * security controls (disabling a user, the automatic sign-out time). Unlike clinicWriter, the
 * read-only state does not hold them back.
 */
export const clinicControl = <C extends ChannelName>(action: Action, run: Run<ClinicHandlerContext, C>): HandlerDef<C> => ({
  access: { kind: 'clinic', action, write: false },
  run,
});

/** Who the clinic's audit trail names for a change made in this session. */
export const auditActor = (session: Session): AuditActor => ({ userId: session.userId, userName: session.fullName });
