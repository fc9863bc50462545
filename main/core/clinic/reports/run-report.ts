import type { Report, ReportSpec } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { appointmentsReport } from './appointments-report';
import { endOfDayReport } from './end-of-day';
import { newPatientsReport } from './new-patients';
import { revenueReport } from './revenue';
import { topItemsReport } from './top-items';

/** The one place a report is chosen by kind: its channel, a saved report and an export all come here. */
export function runReport(ctx: ClinicHandlerContext, spec: ReportSpec): Promise<Report> {
  switch (spec.kind) {
    case 'endOfDay':
      return endOfDayReport(ctx, spec.params);
    case 'revenue':
      return revenueReport(ctx, spec.params);
    case 'appointments':
      return appointmentsReport(ctx, spec.params);
    case 'newPatients':
      return newPatientsReport(ctx, spec.params);
    case 'topItems':
      return topItemsReport(ctx, spec.params);
  }
}
