import type { Generated } from 'kysely';
import type { AppointmentStatus } from '../../../../preload/contract/channels/appointments';

export interface AppointmentRow {
  id: string;
  patient_id: string;
  doctor_id: string;
  /** UTC, toISOString() format. */
  start_at: string;
  end_at: string;
  minutes: number;
  reason: string | null;
  fee_minor: number;
  status: AppointmentStatus;
  cancelled_by: 'patient' | 'clinic' | null;
  cancel_reason: string | null;
  late_cancellation: number | null;
  visit_notes: string | null;
  notes_updated_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AppointmentStatusHistoryRow {
  id: Generated<number>;
  appointment_id: string;
  from_status: AppointmentStatus | null;
  to_status: AppointmentStatus;
  at: string;
  user_id: string | null;
  user_name: string | null;
  reason: string | null;
}
