import type { PatientRecord } from '../../../../preload/contract/channels/patients';
import { CONTRACT, type ParsedInput } from '../../../../preload/contract';
import type { ClinicHandlerContext } from '../../api/handler';
import { isAllowed } from '../../auth/permissions';
import { listAppointments } from '../appointments/records';
import { listPayments } from '../payments/view';
import { getPatient } from './records';

// the lists' own defaults, read once from their contract: a record asks what their screens would
const APPOINTMENTS: ParsedInput<'appointments:list'> = { ...CONTRACT['appointments:list'].input.parse({}), order: 'desc' };
const PAYMENTS: ParsedInput<'payments:list'> = { ...CONTRACT['payments:list'].input.parse({}), order: 'desc' };

/**
 * A patient's record with the first page of their appointments and payments, newest first: what
 * the record screen shows, in one call instead of three. Opening it is audited as patients:get
 * is; a list the role may not read is left out, not refused.
 */
export async function openPatientRecord(ctx: ClinicHandlerContext, input: ParsedInput<'patients:record'>): Promise<PatientRecord> {
  const patient = await getPatient(ctx, input.id);
  const { role } = ctx.clinic;
  const page = { patientId: patient.id, pageSize: input.pageSize };
  return {
    patient,
    appointments: isAllowed(role, 'appointments:read') ? await listAppointments(ctx, { ...APPOINTMENTS, ...page }) : null,
    payments: isAllowed(role, 'payments:read') ? await listPayments(ctx, { ...PAYMENTS, ...page }) : null,
  };
}
