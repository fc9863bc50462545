import type { Generated } from 'kysely';
import type { AppointmentRow, AppointmentStatusHistoryRow } from './appointments/schema';
import type { PatientTables } from './patients/schema';
import type { PaymentTables } from './payments/schema';
import type { ReportTables } from './reports/schema';
import type { SalesTables } from './sales/schema';
import type { ClinicProfileRow } from '../backup/schema';

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
  active: Generated<number>;
  working_hours: Generated<string>;
  default_appointment_minutes: Generated<number>;
  user_id: string | null;
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

export interface TenantDB extends PatientTables, SalesTables, PaymentTables, ReportTables {
  audit_log: AuditLogRow;
  clinic_identity: ClinicIdentityRow;
  regions: RegionRow;
  hospitals: HospitalRow;
  doctors: DoctorRow;
  appointments: AppointmentRow;
  appointment_status_history: AppointmentStatusHistoryRow;
  clinic_profile: ClinicProfileRow;
}
