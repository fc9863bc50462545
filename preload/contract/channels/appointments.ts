import { z } from 'zod';
import { channel } from '../define';
import { appointmentMinutesSchema } from './doctors';
import { byIdInput, deletedFilter, idSchema, listInput, optionalText, requiredText, type Page } from './common';

export const APPOINTMENT_STATUSES = ['scheduled', 'arrived', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CANCELLED_BY = ['patient', 'clinic'] as const;

/** A stretch of time, as a UTC instant and as wall-clock time with offset in the clinic's zone. */
export interface Slot {
  start: string;
  end: string;
  localStart: string;
  localEnd: string;
}

export interface Appointment extends Slot {
  id: string;
  patientId: string;
  patientName: string | null;
  doctorId: string;
  doctorName: string | null;
  timezone: string;
  minutes: number;
  reason: string | null;
  /** What the visit charges the patient once completed, in minor units of `currency`. */
  feeMinor: number;
  currency: string;
  status: AppointmentStatus;
  cancelledBy: (typeof CANCELLED_BY)[number] | null;
  cancelReason: string | null;
  /** Cancelled less than the clinic's notice period before the start (or after it). */
  lateCancellation: boolean | null;
  hasNotes: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface StatusChange {
  from: AppointmentStatus | null;
  to: AppointmentStatus;
  at: string;
  userId: string | null;
  userName: string | null;
  reason: string | null;
}

export interface AppointmentDetail extends Appointment {
  /** Null unless the caller may read visit notes. */
  visitNotes: string | null;
  notesUpdatedAt: string | null;
  history: StatusChange[];
}

export interface DoctorHours {
  doctorId: string;
  doctorName: string;
  ranges: Slot[];
}

/** Local midnight to local midnight: 23 or 25 hours on a clock-change day. */
export interface ScheduleDay extends Slot {
  /** The clinic's calendar date, YYYY-MM-DD. */
  date: string;
  appointments: Appointment[];
  workingHours: DoctorHours[];
}

export interface Schedule {
  timezone: string;
  days: ScheduleDay[];
}

const isCalendarDate = (ymd: string): boolean => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Clinic records live in these years; far-off dates would overflow date arithmetic downstream. */
const inRecordYears = (value: string): boolean => value.slice(0, 10) >= '1900-01-01' && value.slice(0, 10) <= '2999-12-31';
const RECORD_YEARS = 'Use a date between 1900 and 2999.';

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2025-03-30.')
  .refine(isCalendarDate, 'That date does not exist.')
  .refine(inRecordYears, RECORD_YEARS);

export const instantSchema = z.iso
  .datetime({ offset: true, message: 'Use a date and time with a zone, such as 2025-03-30T09:00:00Z.' })
  .refine(inRecordYears, RECORD_YEARS);

const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d$/, "Use YYYY-MM-DDTHH:mm in the clinic's time zone.")
  .refine((v) => isCalendarDate(v.slice(0, 10)), 'That date does not exist.')
  .refine(inRecordYears, RECORD_YEARS);

export const moneyMinorSchema = z
  .number()
  .int('Use a whole number of minor units (cents).')
  .min(0, 'Cannot be negative.')
  .max(1_000_000_000_000, 'Amount is too large.');

/** A start given either as an instant or as wall-clock time in the clinic's zone; exactly one. */
const startFields = { start: instantSchema.optional(), localStart: localDateTimeSchema.optional() };
function oneStart(value: { start?: string | undefined; localStart?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((value.start === undefined) === (value.localStart === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'Give either start or localStart.', path: [value.start === undefined ? 'start' : 'localStart'] });
  }
}

export const appointmentsChannels = {
  'appointments:list': channel<Page<Appointment>>()(
    listInput(['start', 'createdAt'], {
      doctorId: idSchema.optional(),
      patientId: idSchema.optional(),
      status: z.array(z.enum(APPOINTMENT_STATUSES)).max(APPOINTMENT_STATUSES.length).optional(),
      /** Appointments starting at or after `from` and before `to`. */
      from: instantSchema.optional(),
      to: instantSchema.optional(),
      deleted: deletedFilter,
    }),
  ),
  'appointments:get': channel<AppointmentDetail>()(byIdInput),
  'appointments:book': channel<Appointment>()(
    z
      .strictObject({
        patientId: idSchema,
        doctorId: idSchema,
        ...startFields,
        minutes: appointmentMinutesSchema.optional(),
        reason: optionalText(500),
        feeMinor: moneyMinorSchema.default(0),
        /** Book outside the doctor's working hours (needs the override permission). */
        force: z.boolean().default(false),
      })
      .superRefine(oneStart),
  ),
  'appointments:update': channel<Appointment>()(z.strictObject({ id: idSchema, reason: optionalText(500).optional(), feeMinor: moneyMinorSchema.optional() })),
  'appointments:reschedule': channel<Appointment>()(
    z
      .strictObject({
        id: idSchema,
        ...startFields,
        minutes: appointmentMinutesSchema.optional(),
        doctorId: idSchema.optional(),
        force: z.boolean().default(false),
      })
      .superRefine(oneStart),
  ),
  'appointments:setStatus': channel<Appointment>()(
    z.strictObject({ id: idSchema, status: z.enum(['arrived', 'in_progress', 'completed', 'no_show']) }),
  ),
  'appointments:cancel': channel<Appointment>()(z.strictObject({ id: idSchema, by: z.enum(CANCELLED_BY), reason: requiredText(500) })),
  'appointments:writeNotes': channel<AppointmentDetail>()(
    z.strictObject({ id: idSchema, notes: z.string().max(20_000, 'Use at most 20,000 characters.') }),
  ),
  'appointments:schedule': channel<Schedule>()(
    z.strictObject({
      date: localDateSchema,
      span: z.enum(['day', 'week']).default('day'),
      doctorId: idSchema.optional(),
      includeCancelled: z.boolean().default(false),
    }),
  ),
  'appointments:freeSlots': channel<Slot[]>()(
    z.strictObject({
      doctorId: idSchema,
      from: instantSchema.optional(),
      count: z.number().int('Use a whole number.').min(1, 'Ask for at least 1.').max(100, 'Ask for at most 100.').default(10),
      minutes: appointmentMinutesSchema.optional(),
    }),
  ),
  'appointments:delete': channel<Appointment>()(byIdInput),
  'appointments:restore': channel<Appointment>()(byIdInput),
};
