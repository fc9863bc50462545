import type { ChannelSpec } from '../../../preload/contract/define';
import { CONTRACT } from '../../../preload/contract';
import type { Result } from '../../../preload/contract/errors';
import type { EventName } from '../../../preload/contract/events';
import { isAllowed } from '../auth/permissions';
import { dummyHash } from '../auth/sign-in';
import { SessionStore } from '../auth/sessions';
import type { Core } from '../core';
import { AppError, toErrorPayload } from '../errors';
import { streamLogger, type Logger } from '../log';
import { canWorkIn, DEFAULT_IDLE_MINUTES, idleTimeouts, loadClinicPlan, loadStanding } from '../master/access';
import { MasterMemo } from '../master/master-memo';
import { isReadOnly } from '../master/subscription-state';
import { TenantUnavailableError } from '../tenancy/tenant-errors';
import { parseInput } from '../validate';
import type { Access, BaseContext, ClinicContext, FileDialogs, HandlerTable, Session } from './handler';
import { checkHandlerTable, HANDLERS } from './handler-table';
import { assertDbWithinLimit } from './limits';

export interface Dispatcher {
  /** caller: one window or harness client, e.g. "wc:3". Never trusts the input for identity. */
  invoke(caller: string, channel: string, input: unknown): Promise<Result<unknown>>;
  /** The caller went away (window closed): its session ends. */
  dropCaller(caller: string): Promise<void>;
  /**
   * Ends every session idle past its clinic's limit and tells its window. The app calls this
   * on a timer; each call also checks its own session, so a missed sweep never extends one.
   */
  sweepIdleSessions(): Promise<number>;
}

export interface DispatcherOptions {
  emit: (caller: string, event: EventName, payload: unknown) => void;
  handlers?: HandlerTable;
  /** Input schemas by channel name; tests replace them to reach the checks behind validation. */
  contract?: Record<string, ChannelSpec>;
  /** Native dialogs from the shell; without them every dialog counts as cancelled. */
  dialogs?: FileDialogs;
  logger?: Logger;
}

/** Asking "am I still signed in?" must not itself keep a session alive. */
const PASSIVE_CHANNELS: ReadonlySet<string> = new Set(['session:get']);

const noDialogs: FileDialogs = {
  chooseSaveFile: async () => null,
  chooseOpenFile: async () => null,
  chooseFolder: async () => null,
};

// made only when refused: an error captures a stack, which costs more than the rest of the check
const noAccess = (): AppError => new AppError('FORBIDDEN', 'You no longer have access to this clinic. Choose another clinic or ask its administrator.');

type ErasedRun = (ctx: BaseContext, input: unknown) => Promise<unknown>;
interface ErasedDef {
  access: Access;
  run: ErasedRun;
}

/**
 * The one way into the core from a window. Per call, in this order: a known channel; the input
 * checked against its schema; the caller's session (held here, keyed by caller — never taken
 * from the input); for clinic channels the session's active clinic, the person's role there,
 * the role's permission and the subscription's read-only state; then the handler runs with the
 * clinic's database leased to it. Every outcome is returned as data; nothing is thrown across.
 */
export function createDispatcher(core: Core, options: DispatcherOptions): Dispatcher {
  const handlers = (options.handlers ?? HANDLERS) as unknown as Record<string, ErasedDef>;
  const contract = options.contract ?? (CONTRACT as Record<string, ChannelSpec>);
  checkHandlerTable(handlers, Object.keys(contract));
  const logger = options.logger ?? streamLogger();
  const dialogs = options.dialogs ?? noDialogs;
  dummyHash(core.scrypt).catch(() => undefined);
  const sessions = new SessionStore(core.clock, (caller, reason) => options.emit(caller, 'session-ended', { reason }));
  const memo = new MasterMemo(core.master);

  /** Each clinic's idle limit in minutes, read from master once while it is unchanged. */
  const idleMinutes = (clinicIds: string[]): Promise<Map<string, number>> =>
    memo.get(`idle:${clinicIds.join(',')}`, () => idleTimeouts(core.master, clinicIds));

  /**
   * Ends the session, and tells its window, if it has been idle longer than its active clinic
   * allows. A session replaced by a new sign-in while the limits were read is left alone.
   */
  function endIfIdle(caller: string, session: Session, minutes: ReadonlyMap<string, number>, now: number): boolean {
    const limit = (session.activeClinicId && minutes.get(session.activeClinicId)) || DEFAULT_IDLE_MINUTES;
    if (now - session.lastActivityAt <= limit * 60_000 || sessions.get(caller) !== session) return false;
    sessions.end(caller, 'idle-timeout');
    logger.write({ level: 'info', event: 'session.idle-timeout' });
    return true;
  }

  /** Of the given sessions, how many were idle too long and ended. */
  async function endIdle(candidates: [caller: string, session: Session][]): Promise<number> {
    const now = core.clock().getTime();
    const minutes = await idleMinutes([...new Set(candidates.flatMap(([, s]) => (s.activeClinicId ? [s.activeClinicId] : [])))]);
    return candidates.filter(([caller, session]) => endIfIdle(caller, session, minutes, now)).length;
  }

  /** The caller's session unless it has idled out (then it ends here); a call counts as activity. */
  async function liveSession(caller: string, touch: boolean): Promise<Session | null> {
    const session = sessions.get(caller);
    if (!session) return null;
    const now = core.clock().getTime();
    if (endIfIdle(caller, session, await idleMinutes(session.activeClinicId ? [session.activeClinicId] : []), now)) return null;
    if (touch) session.lastActivityAt = Math.max(session.lastActivityAt, now);
    return session;
  }

  async function activeClinic(session: Session, caller: string): Promise<Omit<ClinicContext, 'tenant'>> {
    if (!session.activeClinicId) throw new AppError('FORBIDDEN', 'Choose a clinic first.');
    const clinicId = session.activeClinicId;
    const standing = await memo.get(`standing:${session.userId}:${clinicId}`, () => loadStanding(core.master, session.userId, clinicId));
    if (standing?.userDisabled) {
      sessions.end(caller, 'account-disabled');
      throw new AppError('UNAUTHENTICATED', 'Your account is disabled.');
    }
    if (!standing || !canWorkIn(standing)) throw noAccess();
    const plan = await memo.get(`plan:${standing.clinic.id}`, () => loadClinicPlan(core.master, standing.clinic.id));
    if (!plan) throw noAccess();
    const { clinic } = standing;
    return {
      id: clinic.id,
      slug: clinic.slug,
      name: clinic.name,
      timezone: clinic.timezone,
      currency: clinic.currency,
      role: standing.role,
      plan: plan.plan,
      subscription: plan.subscription,
      readOnly: isReadOnly(plan.subscription, core.clock()),
    };
  }

  async function run(caller: string, channel: string, input: unknown): Promise<unknown> {
    if (!Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) throw new AppError('NOT_FOUND', 'Unknown request.');
    const spec = contract[channel] as ChannelSpec;
    const def = handlers[channel] as ErasedDef;
    const parsed = parseInput(spec.input, input);
    await memo.refresh();
    const session = await liveSession(caller, !PASSIVE_CHANNELS.has(channel));
    const base: BaseContext = {
      core,
      dialogs,
      caller,
      emit(event, payload) {
        options.emit(caller, event, payload);
      },
      session,
      sessions,
    };
    const { access } = def;
    if (access.kind === 'public') return def.run(base, parsed);
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    if (access.kind === 'session') return def.run(base, parsed);

    const clinic = await activeClinic(session, caller);
    if (!isAllowed(clinic.role, access.action)) throw new AppError('FORBIDDEN', 'Your role in this clinic does not allow this.');
    if (access.write && clinic.readOnly) {
      throw new AppError('SUBSCRIPTION_READ_ONLY', "This clinic's subscription has ended, so its records are read-only until an owner renews it.");
    }
    return core.tenants.use({ id: clinic.id, slug: clinic.slug }, async (tenant) => {
      if (access.write) assertDbWithinLimit(clinic.plan, tenant.path);
      return def.run({ ...base, clinic: { ...clinic, tenant } } as BaseContext, parsed);
    });
  }

  return {
    async invoke(caller, channel, input) {
      const started = performance.now();
      const known = typeof channel === 'string' && Object.hasOwn(contract, channel) ? channel : '(unknown)';
      try {
        const value = await run(caller, known, input);
        logger.write({ level: 'debug', event: 'call.ok', channel: known, durationMs: Math.round(performance.now() - started) });
        return { ok: true, value };
      } catch (err) {
        const error = toErrorPayload(err);
        const durationMs = Math.round(performance.now() - started);
        if (error.code === 'INTERNAL') {
          const stack = err instanceof Error ? err.stack : String(err);
          logger.write({ level: 'error', event: 'call.failed', channel: known, code: error.code, durationMs, stack });
        } else {
          const reason = err instanceof TenantUnavailableError ? err.reason : undefined;
          logger.write({ level: 'info', event: 'call.refused', channel: known, code: error.code, durationMs, ...(reason && { reason }) });
        }
        return { ok: false, error };
      }
    },

    async dropCaller(caller) {
      sessions.end(caller, null);
    },

    async sweepIdleSessions() {
      await memo.refresh();
      return endIdle(sessions.entries());
    },
  };
}
