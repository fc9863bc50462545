import { clinicControl, clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { findDuplicates } from './duplicates';
import { erasePatient } from './erase';
import { exportPatient } from './export';
import { listDeletedPatients, listPatients } from './list';
import { mergePatients } from './merge';
import { openPatientRecord } from './record';
import { createPatient, deletePatient, findPatientByMrn, getPatient, restorePatient, updatePatient } from './records';
import { searchPatients } from './search';

export const patientsHandlers = {
  'patients:search': clinicReader('patients:read', (ctx, input) => searchPatients(ctx.clinic.tenant.db, input)),
  'patients:list': clinicReader('patients:read', (ctx, input) => listPatients(ctx.clinic.tenant.db, input)),
  'patients:listDeleted': clinicReader('records:restore', (ctx, input) => listDeletedPatients(ctx.clinic.tenant.db, input)),
  'patients:get': clinicReader('patients:read', (ctx, input) => getPatient(ctx, input.id)),
  'patients:record': clinicReader('patients:read', (ctx, input) => openPatientRecord(ctx, input)),
  'patients:findByMrn': clinicReader('patients:read', (ctx, input) => findPatientByMrn(ctx, input.mrn)),
  'patients:checkDuplicates': clinicReader('patients:write', (ctx, input) => findDuplicates(ctx.clinic.tenant.db, input)),
  'patients:create': clinicWriter('patients:write', (ctx, input) => createPatient(ctx, input)),
  'patients:update': clinicWriter('patients:write', (ctx, input) => updatePatient(ctx, input)),
  'patients:delete': clinicWriter('patients:write', (ctx, input) => deletePatient(ctx, input.id)),
  'patients:restore': clinicWriter('records:restore', (ctx, input) => restorePatient(ctx, input.id)),
  'patients:merge': clinicWriter('patients:merge', (ctx, input) => mergePatients(ctx, input.survivorId, input.otherId)),
  // exporting is a read: allowed while the subscription is read-only
  'patients:export': clinicReader('patients:privacy', (ctx, input) => exportPatient(ctx, input.id)),
  // a legal duty towards the patient, so a lapsed subscription does not hold it back
  'patients:erase': clinicControl('patients:privacy', (ctx, input) => erasePatient(ctx, input.id, input.confirmMrn)),
} satisfies Partial<HandlerTable>;
