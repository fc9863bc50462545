import { clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { toReportCsv } from './csv';
import { runReport } from './run-report';
import { deleteSavedReport, exportSavedReport, listSavedReports, runSavedReport, saveReport } from './saved-reports';

export const reportsHandlers = {
  'reports:endOfDay': clinicReader('reports:read', (ctx, params) => runReport(ctx, { kind: 'endOfDay', params })),
  'reports:revenue': clinicReader('reports:read', (ctx, params) => runReport(ctx, { kind: 'revenue', params })),
  'reports:appointments': clinicReader('reports:read', (ctx, params) => runReport(ctx, { kind: 'appointments', params })),
  'reports:newPatients': clinicReader('reports:read', (ctx, params) => runReport(ctx, { kind: 'newPatients', params })),
  'reports:topItems': clinicReader('reports:read', (ctx, params) => runReport(ctx, { kind: 'topItems', params })),
  'reports:exportCsv': clinicReader('reports:read', async (ctx, spec) => toReportCsv(spec, await runReport(ctx, spec))),
  // saving is a change to the clinic's file, refused while it is read-only like any other
  'reports:save': clinicWriter('reports:manage', (ctx, input) => saveReport(ctx, input)),
  'reports:listSaved': clinicReader('reports:read', (ctx) => listSavedReports(ctx)),
  'reports:runSaved': clinicReader('reports:read', (ctx, input) => runSavedReport(ctx, input.id)),
  'reports:exportSaved': clinicReader('reports:read', (ctx, input) => exportSavedReport(ctx, input.id)),
  'reports:deleteSaved': clinicWriter('reports:manage', (ctx, input) => deleteSavedReport(ctx, input.id)),
} satisfies Partial<HandlerTable>;
