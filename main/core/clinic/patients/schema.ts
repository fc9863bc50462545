import type { PatientState, Sex } from '../../../../preload/contract/channels/patients';

/** Row types of the patient tables, as migrations 0030 and 0040 leave them. */

export interface PatientRow {
  id: string;
  /** Human number: MRN_BASE + mrn_seq and a Luhn check digit. */
  mrn: string;
  mrn_seq: number;
  /**
   * Position in alphabetical order (sort_key, id) as a sparse integer, and the search index's
   * rowid: the index hands matches back already in name order. See name-rank.ts.
   */
  name_rank: number;
  sort_key: string;
  first_name: string;
  last_name: string;
  first_sx: string;
  last_sx: string;
  /** Null only once erased. */
  dob: string | null;
  dob_approximate: number;
  sex: Sex;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  email_key: string | null;
  address: string | null;
  national_id: string | null;
  national_id_key: string | null;
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  insurance_provider: string | null;
  insurance_policy_number: string | null;
  allergies: string | null;
  notes: string | null;
  state: PatientState;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  erased_at: string | null;
}

interface MrnSequenceRow {
  singleton: number;
  last_value: number;
}

/** Per-patient key sealing the personal values in audit entries; erasure deletes it. */
interface PatientAuditKeyRow {
  patient_id: string;
  key: Buffer;
}

export interface PatientTables {
  patients: PatientRow;
  mrn_sequence: MrnSequenceRow;
  patient_audit_keys: PatientAuditKeyRow;
}
