import { clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { bookAppointment, rescheduleAppointment } from './booking';
import { freeSlots } from './free-slots';
import { writeVisitNotes } from './notes';
import { deleteAppointment, getAppointment, listAppointments, restoreAppointment, updateAppointment } from './records';
import { schedule } from './schedule';
import { cancelAppointment, setAppointmentStatus } from './status';

export const appointmentsHandlers = {
  'appointments:list': clinicReader('appointments:read', (ctx, input) => listAppointments(ctx, input)),
  'appointments:get': clinicReader('appointments:read', (ctx, input) => getAppointment(ctx, input.id)),
  'appointments:schedule': clinicReader('appointments:read', (ctx, input) => schedule(ctx, input)),
  'appointments:freeSlots': clinicReader('appointments:read', (ctx, input) => freeSlots(ctx, input)),
  'appointments:book': clinicWriter('appointments:write', (ctx, input) => bookAppointment(ctx, input)),
  'appointments:update': clinicWriter('appointments:write', (ctx, input) => updateAppointment(ctx, input)),
  'appointments:reschedule': clinicWriter('appointments:write', (ctx, input) => rescheduleAppointment(ctx, input)),
  'appointments:setStatus': clinicWriter('appointments:write', (ctx, input) => setAppointmentStatus(ctx, input)),
  'appointments:cancel': clinicWriter('appointments:write', (ctx, input) => cancelAppointment(ctx, input)),
  'appointments:writeNotes': clinicWriter('appointments:notes', (ctx, input) => writeVisitNotes(ctx, input)),
  'appointments:delete': clinicWriter('appointments:write', (ctx, input) => deleteAppointment(ctx, input.id)),
  'appointments:restore': clinicWriter('records:restore', (ctx, input) => restoreAppointment(ctx, input.id)),
} satisfies Partial<HandlerTable>;
