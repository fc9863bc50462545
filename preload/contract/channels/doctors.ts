import { z } from 'zod';
import { personNameSchema } from '../common-schemas';
import { channel } from '../define';
import {
  byIdInput,
  deletedFilter,
  idSchema,
  listInput,
  optionalEmailSchema,
  optionalText,
  phoneSchema,
  searchText,
  type Page,
} from './common';

/** Index = JavaScript's getDay(): 0 is Sunday. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock times in the clinic's time zone, end exclusive; "24:00" ends at midnight. */
export interface TimeRange {
  start: string;
  end: string;
}
export type WorkingHours = Record<Weekday, TimeRange[]>;

export interface Doctor {
  id: string;
  fullName: string;
  specialty: string | null;
  licenceNumber: string | null;
  phone: string | null;
  email: string | null;
  hospitalId: string | null;
  hospitalName: string | null;
  active: boolean;
  workingHours: WorkingHours;
  defaultAppointmentMinutes: number;
  /** The signed-in user who is this doctor (writes their visit notes). */
  userId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const clockTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:mm between 00:00 and 24:00.');

const timeRange = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((r) => minutesOfDay(r.end) > minutesOfDay(r.start), {
    message: 'End after the start.',
    path: ['end'],
    // compared only once both times are well-formed
    when: (payload) => !payload.issues.length,
  });

const dayRanges = z
  .array(timeRange)
  .max(8, 'Use at most 8 ranges a day.')
  .superRefine((ranges, ctx) => {
    const order = ranges.map((_, i) => i).sort((a, b) => minutesOfDay(ranges[a]!.start) - minutesOfDay(ranges[b]!.start));
    for (let k = 1; k < order.length; k++) {
      const here = order[k]!;
      if (minutesOfDay(ranges[here]!.start) < minutesOfDay(ranges[order[k - 1]!]!.end)) {
        ctx.addIssue({ code: 'custom', message: 'Overlaps another range on this day.', path: [here, 'start'] });
      }
    }
  })
  .transform((ranges) => [...ranges].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start)))
  .default([]);

const workingHoursSchema = z.strictObject({
  sun: dayRanges,
  mon: dayRanges,
  tue: dayRanges,
  wed: dayRanges,
  thu: dayRanges,
  fri: dayRanges,
  sat: dayRanges,
});

export const appointmentMinutesSchema = z
  .number()
  .int('Use whole minutes.')
  .min(5, 'Use at least 5 minutes.')
  .max(480, 'Use at most 480 minutes (8 hours).');

const doctorFields = {
  fullName: personNameSchema,
  specialty: optionalText(120),
  licenceNumber: optionalText(60),
  phone: phoneSchema,
  email: optionalEmailSchema,
  hospitalId: idSchema.nullish().transform((v) => v ?? null),
  workingHours: workingHoursSchema,
  defaultAppointmentMinutes: appointmentMinutesSchema,
  userId: z.uuid('Choose a member of this clinic.').nullish().transform((v) => v ?? null),
};

export const doctorsChannels = {
  'doctors:list': channel<Page<Doctor>>()(
    listInput(['name', 'specialty', 'createdAt'], {
      q: searchText,
      active: z.boolean().optional(),
      hospitalId: idSchema.optional(),
      regionId: idSchema.optional(),
      deleted: deletedFilter,
    }),
  ),
  'doctors:get': channel<Doctor>()(byIdInput),
  'doctors:create': channel<Doctor>()(
    z.strictObject({
      ...doctorFields,
      active: z.boolean().default(true),
      workingHours: workingHoursSchema.default({ sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }),
      defaultAppointmentMinutes: appointmentMinutesSchema.default(15),
    }),
  ),
  'doctors:update': channel<Doctor>()(z.strictObject({ id: idSchema, active: z.boolean(), ...doctorFields }).partial().required({ id: true })),
  'doctors:delete': channel<Doctor>()(byIdInput),
  'doctors:restore': channel<Doctor>()(byIdInput),
};
