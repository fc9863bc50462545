import { z } from 'zod';
import { personNameSchema } from '../common-schemas';
import { channel } from '../define';
import type { Appointment } from './appointments';
import { byIdInput, idSchema, optionalEmailSchema, optionalText, pageFields, phoneSchema, type Page } from './common';
import type { Payment } from './payments';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** What a list or a search shows: enough to pick the right person, no clinical text. */
export interface PatientSummary {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  dob: string | null;
  dobApproximate: boolean;
  sex: Sex;
  phone: string | null;
}

export type PatientState = 'active' | 'deleted' | 'merged' | 'erased';

export interface Patient extends PatientSummary {
  email: string | null;
  address: string | null;
  nationalId: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  insuranceProvider: string | null;
  insurancePolicyNumber: string | null;
  allergies: string | null;
  notes: string | null;
  state: PatientState;
  /** For a merged (archived) record: the record it was merged into. */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  erasedAt: string | null;
}

/** Which group of a search a hit belongs to; groups come in this order, alphabetical inside. */
export type SearchMatch = 'identifier' | 'name' | 'text';
export interface PatientHit extends PatientSummary {
  match: SearchMatch;
}

/**
 * Patients are listed with a cursor rather than page numbers: at a million records an offset
 * or a total count costs a scan, a cursor continues from an index position.
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type DuplicateReason = 'name' | 'swapped-name' | 'first-name' | 'last-name' | 'dob' | 'phone' | 'email' | 'national-id' | 'sex-differs';

export interface DuplicateCandidate extends PatientSummary {
  score: number;
  reasons: DuplicateReason[];
}

/**
 * A patient's record as its screen opens it, in one call: the patient with the first page of
 * their appointments and of their payments, newest first. A section the person's role may not
 * read is null.
 */
export interface PatientRecord {
  patient: Patient;
  appointments: Page<Appointment> | null;
  payments: Page<Payment> | null;
}

export type CreatePatientResult =
  | { status: 'created'; patient: Patient }
  | { status: 'possible-duplicates'; candidates: DuplicateCandidate[] };

export interface MergeResult {
  survivor: Patient;
  /** Rows moved to the survivor, by table. */
  moved: Record<string, number>;
}

export interface PatientExport {
  /** Suggested file name without extension (the MRN, never the name). */
  baseName: string;
  json: string;
  /** One CSV document per kind of data: patient, each related table, audit. */
  csv: { name: string; content: string }[];
}

const PAGE_SIZE_MAX = 100;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD text naming a day that exists (no 2023-02-30). */
export const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const dobSchema = z
  .string('Enter the date of birth.')
  .trim()
  .regex(ISO_DATE, 'Use the form YYYY-MM-DD.')
  .refine(isRealDate, 'This date does not exist.')
  .refine((s) => s >= '1880-01-01', 'Enter a date after 1880.');

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const nameSchema = personNameSchema.refine((s) => !CONTROL.test(s), 'Remove the control characters.').refine((s) => /\p{L}/u.test(s), 'Use letters.');

const nationalIdSchema = optionalText(40).pipe(
  z
    .string()
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, 'Use letters, digits, spaces and . / - only.')
    .nullable(),
);

const patientFields = {
  firstName: nameSchema,
  lastName: nameSchema,
  dob: dobSchema,
  dobApproximate: z.boolean('Choose yes or no.'),
  sex: z.enum(SEXES, 'Choose female, male, other or unknown.'),
  phone: phoneSchema,
  email: optionalEmailSchema,
  address: optionalText(500),
  nationalId: nationalIdSchema,
  emergencyContactName: optionalText(120),
  emergencyContactPhone: phoneSchema,
  insuranceProvider: optionalText(120),
  insurancePolicyNumber: optionalText(60),
  allergies: optionalText(2000),
  notes: optionalText(5000),
};

export type PatientFields = z.output<z.ZodObject<typeof patientFields>>;

const pageSize = z
  .number('Enter a number.')
  .int('Use a whole number.')
  .min(1, 'Use at least 1.')
  .max(PAGE_SIZE_MAX, `Use at most ${PAGE_SIZE_MAX}.`)
  .default(50);
const cursor = z.string().max(200, 'Start again from the first page.').nullish();

export const LIST_SORTS = ['name', 'mrn', 'created', 'dob'] as const;
export type PatientListSort = (typeof LIST_SORTS)[number];

const mrnInput = z.string('Enter the MRN.').trim().min(1, 'Required.').max(20, 'Use at most 20 characters.');

export const patientsChannels = {
  /** Any part of a name, phone, MRN or national id, or a date of birth. */
  'patients:search': channel<CursorPage<PatientHit>>()(
    z.strictObject({
      q: z.string('Type something to search for.').trim().min(1, 'Type something to search for.').max(100, 'Use at most 100 characters.'),
      pageSize,
      cursor,
    }),
  ),
  'patients:list': channel<CursorPage<PatientSummary>>()(
    z.strictObject({ sort: z.enum(LIST_SORTS).default('name'), order: z.enum(['asc', 'desc']).default('asc'), pageSize, cursor }),
  ),
  /** Soft-deleted patients, most recently deleted first, for a manager to restore. */
  'patients:listDeleted': channel<CursorPage<PatientSummary>>()(z.strictObject({ pageSize, cursor })),
  'patients:get': channel<Patient>()(byIdInput),
  'patients:record': channel<PatientRecord>()(z.strictObject({ id: idSchema, pageSize: pageFields.pageSize })),
  'patients:findByMrn': channel<Patient>()(z.strictObject({ mrn: mrnInput })),
  'patients:checkDuplicates': channel<DuplicateCandidate[]>()(z.strictObject(patientFields).partial().required({ firstName: true, lastName: true })),
  'patients:create': channel<CreatePatientResult>()(
    z.strictObject({
      ...patientFields,
      dobApproximate: patientFields.dobApproximate.default(false),
      sex: patientFields.sex.default('unknown'),
      /** Create even though possible duplicates were shown to the person. */
      confirmDuplicate: z.boolean('Choose yes or no.').default(false),
    }),
  ),
  'patients:update': channel<Patient>()(z.strictObject({ id: idSchema, ...patientFields }).partial().required({ id: true })),
  'patients:delete': channel<Patient>()(byIdInput),
  'patients:restore': channel<Patient>()(byIdInput),
  /** The other record's related rows move to the survivor; the other is archived. */
  'patients:merge': channel<MergeResult>()(
    z
      .strictObject({ survivorId: idSchema, otherId: idSchema })
      .refine((v) => v.survivorId !== v.otherId, { message: 'Choose two different patients.', path: ['otherId'] }),
  ),
  'patients:export': channel<PatientExport>()(byIdInput),
  /** Irreversible: the person types the patient's MRN to confirm. */
  'patients:erase': channel<Patient>()(z.strictObject({ id: idSchema, confirmMrn: mrnInput })),
};
