import type { Period, ReportColumn } from '../../../../preload/contract/channels/reports';

/** The first column of a report by period: a date for days and weeks (the Monday), YYYY-MM for months. */
export function periodColumn(period: Period): ReportColumn {
  if (period === 'day') return { key: 'period', label: 'Day', kind: 'date' };
  if (period === 'week') return { key: 'period', label: 'Week of', kind: 'date' };
  return { key: 'period', label: 'Month', kind: 'text' };
}
