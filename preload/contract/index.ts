import type { z } from 'zod';
import type { ChannelSpec } from './define';
import { appointmentsChannels } from './channels/appointments';
import { archiveChannels } from './channels/archive';
import { auditChannels } from './channels/audit';
import { backupChannels } from './channels/backup';
import { catalogueChannels } from './channels/catalogue';
import { authChannels } from './channels/auth';
import { clinicsChannels } from './channels/clinics';
import { doctorsChannels } from './channels/doctors';
import { hospitalsChannels } from './channels/hospitals';
import { patientsChannels } from './channels/patients';
import { paymentsChannels } from './channels/payments';
import { regionsChannels } from './channels/regions';
import { reportsChannels } from './channels/reports';
import { salesChannels } from './channels/sales';
import { sessionChannels } from './channels/session';
import { settingsChannels } from './channels/settings';
import { subscriptionChannels } from './channels/subscription';
import { usersChannels } from './channels/users';
import { mergeChannels } from './define';
import type { Result } from './errors';
import type { EventMap, EventName } from './events';

/**
 * Every channel the renderer may call. Main's handler table, the preload's window.medadmin and
 * the renderer's calls are all derived from this object. Each domain lists its channels in
 * channels/<domain>.ts.
 */
export const CONTRACT = mergeChannels(
  authChannels,
  sessionChannels,
  clinicsChannels,
  usersChannels,
  subscriptionChannels,
  settingsChannels,
  patientsChannels,
  regionsChannels,
  hospitalsChannels,
  doctorsChannels,
  appointmentsChannels,
  auditChannels,
  paymentsChannels,
  catalogueChannels,
  salesChannels,
  reportsChannels,
  backupChannels,
  archiveChannels,
);

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract & string;
export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];

type SpecOf<C extends ChannelName> = Contract[C] extends ChannelSpec ? Contract[C] : never;
/** What the renderer passes. */
export type ChannelInput<C extends ChannelName> = z.input<SpecOf<C>['input']>;
/** What the handler receives after validation (defaults filled, strings trimmed). */
export type ParsedInput<C extends ChannelName> = z.output<SpecOf<C>['input']>;
export type ChannelOutput<C extends ChannelName> = SpecOf<C> extends ChannelSpec<z.ZodType, infer O> ? O : never;

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;

/** window.medadmin: `medadmin.patients.search(input)` for channel `patients:search`. */
export type MedAdminApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  };
} & {
  /** Subscribes to a main→renderer event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};
