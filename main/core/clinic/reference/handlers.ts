import { clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { createDoctor, deleteDoctor, getDoctor, listDoctors, restoreDoctor, updateDoctor } from './doctors';
import { createHospital, deleteHospital, getHospital, listHospitals, restoreHospital, updateHospital } from './hospitals';
import { createRegion, deleteRegion, getRegion, listRegions, restoreRegion, updateRegion } from './regions';

export const referenceHandlers = {
  'regions:list': clinicReader('reference:read', (ctx, input) => listRegions(ctx, input)),
  'regions:get': clinicReader('reference:read', (ctx, input) => getRegion(ctx, input.id)),
  'regions:create': clinicWriter('reference:write', (ctx, input) => createRegion(ctx, input)),
  'regions:update': clinicWriter('reference:write', (ctx, input) => updateRegion(ctx, input)),
  'regions:delete': clinicWriter('reference:write', (ctx, input) => deleteRegion(ctx, input.id)),
  'regions:restore': clinicWriter('records:restore', (ctx, input) => restoreRegion(ctx, input.id)),

  'hospitals:list': clinicReader('reference:read', (ctx, input) => listHospitals(ctx, input)),
  'hospitals:get': clinicReader('reference:read', (ctx, input) => getHospital(ctx, input.id)),
  'hospitals:create': clinicWriter('reference:write', (ctx, input) => createHospital(ctx, input)),
  'hospitals:update': clinicWriter('reference:write', (ctx, input) => updateHospital(ctx, input)),
  'hospitals:delete': clinicWriter('reference:write', (ctx, input) => deleteHospital(ctx, input.id)),
  'hospitals:restore': clinicWriter('records:restore', (ctx, input) => restoreHospital(ctx, input.id)),

  'doctors:list': clinicReader('reference:read', (ctx, input) => listDoctors(ctx, input)),
  'doctors:get': clinicReader('reference:read', (ctx, input) => getDoctor(ctx, input.id)),
  'doctors:create': clinicWriter('reference:write', (ctx, input) => createDoctor(ctx, input)),
  'doctors:update': clinicWriter('reference:write', (ctx, input) => updateDoctor(ctx, input)),
  'doctors:delete': clinicWriter('reference:write', (ctx, input) => deleteDoctor(ctx, input.id)),
  'doctors:restore': clinicWriter('records:restore', (ctx, input) => restoreDoctor(ctx, input.id)),
} satisfies Partial<HandlerTable>;
