import type { Patient, PatientFields, PatientSummary } from '../../../../preload/contract/channels/patients';
import type { PatientRow } from './schema';
import { alnumKey, digitsOnly, sortKey, soundex } from './fold';

/** The columns a patient's own fields fill, with the matching forms derived from them. */
type FieldColumns = Pick<
  PatientRow,
  | 'first_name'
  | 'last_name'
  | 'dob'
  | 'dob_approximate'
  | 'sex'
  | 'phone'
  | 'email'
  | 'address'
  | 'national_id'
  | 'emergency_contact_name'
  | 'emergency_contact_phone'
  | 'insurance_provider'
  | 'insurance_policy_number'
  | 'allergies'
  | 'notes'
  | 'sort_key'
  | 'first_sx'
  | 'last_sx'
  | 'phone_digits'
  | 'email_key'
  | 'national_id_key'
>;

/** Field name on the bridge → column: the names an update's audit entry records. */
export const FIELD_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  dob: 'dob',
  dobApproximate: 'dob_approximate',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  address: 'address',
  nationalId: 'national_id',
  emergencyContactName: 'emergency_contact_name',
  emergencyContactPhone: 'emergency_contact_phone',
  insuranceProvider: 'insurance_provider',
  insurancePolicyNumber: 'insurance_policy_number',
  allergies: 'allergies',
  notes: 'notes',
} as const satisfies Record<keyof PatientFields, keyof PatientRow>;

export const emailKey = (email: string | null): string | null => (email ? email.trim().toLowerCase() : null);
export const phoneKey = (phone: string | null): string | null => (phone ? digitsOnly(phone) || null : null);
export const nationalIdKey = (id: string | null): string | null => (id ? alnumKey(id) || null : null);

export function toColumns(f: PatientFields): FieldColumns {
  return {
    first_name: f.firstName,
    last_name: f.lastName,
    dob: f.dob,
    dob_approximate: f.dobApproximate ? 1 : 0,
    sex: f.sex,
    phone: f.phone,
    email: f.email,
    address: f.address,
    national_id: f.nationalId,
    emergency_contact_name: f.emergencyContactName,
    emergency_contact_phone: f.emergencyContactPhone,
    insurance_provider: f.insuranceProvider,
    insurance_policy_number: f.insurancePolicyNumber,
    allergies: f.allergies,
    notes: f.notes,
    sort_key: sortKey(f.firstName, f.lastName),
    first_sx: soundex(f.firstName),
    last_sx: soundex(f.lastName),
    phone_digits: phoneKey(f.phone),
    email_key: emailKey(f.email),
    national_id_key: nationalIdKey(f.nationalId),
  };
}

/** A stored row back as the fields a form edits (erased rows hold blanks). */
export function toFields(row: PatientRow): PatientFields {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    dob: row.dob ?? '',
    dobApproximate: row.dob_approximate === 1,
    sex: row.sex,
    phone: row.phone,
    email: row.email,
    address: row.address,
    nationalId: row.national_id,
    emergencyContactName: row.emergency_contact_name,
    emergencyContactPhone: row.emergency_contact_phone,
    insuranceProvider: row.insurance_provider,
    insurancePolicyNumber: row.insurance_policy_number,
    allergies: row.allergies,
    notes: row.notes,
  };
}

export const SUMMARY_COLUMNS = ['id', 'mrn', 'first_name', 'last_name', 'dob', 'dob_approximate', 'sex', 'phone'] as const;
export type SummaryRow = Pick<PatientRow, (typeof SUMMARY_COLUMNS)[number]>;

export const toSummary = (r: SummaryRow): PatientSummary => ({
  id: r.id,
  mrn: r.mrn,
  firstName: r.first_name,
  lastName: r.last_name,
  dob: r.dob,
  dobApproximate: r.dob_approximate === 1,
  sex: r.sex,
  phone: r.phone,
});

export const toPatient = (r: PatientRow): Patient => ({
  ...toSummary(r),
  email: r.email,
  address: r.address,
  nationalId: r.national_id,
  emergencyContactName: r.emergency_contact_name,
  emergencyContactPhone: r.emergency_contact_phone,
  insuranceProvider: r.insurance_provider,
  insurancePolicyNumber: r.insurance_policy_number,
  allergies: r.allergies,
  notes: r.notes,
  state: r.state,
  mergedInto: r.merged_into,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
  erasedAt: r.erased_at,
});
