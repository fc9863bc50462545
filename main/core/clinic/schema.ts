import type { Generated } from 'kysely';

/** Row types of a clinic database, as migrations/tenant leaves it. */

export interface ClinicIdentityRow {
  singleton: number;
  clinic_id: string;
  slug: string;
  stamped_at: string;
}

export interface RegionRow {
  id: string;
  name: string;
  code: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface HospitalRow {
  id: string;
  name: string;
  region_id: string | null;
  address: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface DoctorRow {
  id: string;
  full_name: string;
  specialty: string | null;
  licence_number: string | null;
  phone: string | null;
  email: string | null;
  hospital_id: string | null;
  active: number;
  working_hours: string;
  default_appointment_minutes: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AuditLogRow {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  user_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: string | null;
  details: string | null;
}

export interface TenantDB {
  audit_log: AuditLogRow;
  clinic_identity: ClinicIdentityRow;
  regions: RegionRow;
  hospitals: HospitalRow;
  doctors: DoctorRow;
}
