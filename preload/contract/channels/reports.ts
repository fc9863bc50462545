import { z } from 'zod';
import { channel } from '../define';
import { byIdInput, idSchema, requiredText } from './common';
import { localDateSchema } from './appointments';

export type ColumnKind = 'text' | 'money' | 'count' | 'percent' | 'date';

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

/**
 * One cell: money in minor units of the report's currency, percent as a ratio (0.25 is 25 %),
 * dates as YYYY-MM-DD in the clinic's zone, null where there is nothing to show.
 */
export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;

export interface ReportChart {
  type: 'bar' | 'line';
  x: string;
  series: string[];
}

export interface Report {
  kind: ReportKind;
  title: string;
  currency: string;
  timezone: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The row of sums (or overall rates) under the table, when the report has one. */
  totals?: ReportRow;
  chart?: ReportChart;
}

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** Longest range a report covers, so that a typo in a year cannot ask for millennia. */
const MAX_RANGE_DAYS: Record<Period, number> = { day: 366, week: 366 * 5, month: 366 * 20 };

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** from ≤ to, and no longer than the period allows (day by day for at most a year). */
function rangeCheck(value: { from: string; to: string; period?: Period }, ctx: z.RefinementCtx): void {
  const days = daysBetween(value.from, value.to);
  if (days < 0) ctx.addIssue({ code: 'custom', message: 'Use a date on or after the start.', path: ['to'] });
  else if (days >= MAX_RANGE_DAYS[value.period ?? 'month']) {
    ctx.addIssue({ code: 'custom', message: `Use a range of at most ${MAX_RANGE_DAYS[value.period ?? 'month']} days${value.period ? ` for ${value.period}s` : ''}.`, path: ['to'] });
  }
}

const range = { from: localDateSchema, to: localDateSchema };
const period = z.enum(PERIODS, { error: 'Choose day, week or month.' }).default('day');

export const REPORT_PARAMS = {
  /** Payments and refunds of one clinic day, by method and by the person who took them. */
  endOfDay: z.strictObject({ date: localDateSchema }),
  /** Completed visits' fees per doctor and period. */
  revenue: z.strictObject({ ...range, period, doctorId: idSchema.optional() }).superRefine(rangeCheck),
  /** Appointments by status and the no-show rate, per doctor. */
  appointments: z.strictObject(range).superRefine(rangeCheck),
  newPatients: z.strictObject({ ...range, period }).superRefine(rangeCheck),
  topItems: z
    .strictObject({
      ...range,
      by: z.enum(['quantity', 'revenue']).default('quantity'),
      limit: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(100, 'Use at most 100.').default(10),
    })
    .superRefine(rangeCheck),
};

export type ReportKind = keyof typeof REPORT_PARAMS;
const REPORT_KINDS = Object.keys(REPORT_PARAMS) as [ReportKind, ...ReportKind[]];

/** A report and its parameters: what is saved by name, re-run and exported. */
export const reportSpecSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('endOfDay'), params: REPORT_PARAMS.endOfDay }),
    z.strictObject({ kind: z.literal('revenue'), params: REPORT_PARAMS.revenue }),
    z.strictObject({ kind: z.literal('appointments'), params: REPORT_PARAMS.appointments }),
    z.strictObject({ kind: z.literal('newPatients'), params: REPORT_PARAMS.newPatients }),
    z.strictObject({ kind: z.literal('topItems'), params: REPORT_PARAMS.topItems }),
  ],
  { error: `Choose a report: ${REPORT_KINDS.join(', ')}.` },
);
export type ReportSpec = z.output<typeof reportSpecSchema>;

export interface SavedReport {
  id: string;
  name: string;
  /** Null when what was saved no longer fits this version's parameters: it can only be deleted. */
  spec: ReportSpec | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}

export interface ReportCsv {
  fileName: string;
  csv: string;
}

export const reportsChannels = {
  'reports:endOfDay': channel<Report>()(REPORT_PARAMS.endOfDay),
  'reports:revenue': channel<Report>()(REPORT_PARAMS.revenue),
  'reports:appointments': channel<Report>()(REPORT_PARAMS.appointments),
  'reports:newPatients': channel<Report>()(REPORT_PARAMS.newPatients),
  'reports:topItems': channel<Report>()(REPORT_PARAMS.topItems),
  /** The report as CSV text (money in major units, the currency in its column's heading). */
  'reports:exportCsv': channel<ReportCsv>()(reportSpecSchema),
  'reports:save': channel<SavedReport>()(z.strictObject({ name: requiredText(80), spec: reportSpecSchema })),
  'reports:listSaved': channel<SavedReport[]>()(z.strictObject({})),
  'reports:runSaved': channel<Report>()(byIdInput),
  'reports:exportSaved': channel<ReportCsv>()(byIdInput),
  'reports:deleteSaved': channel<SavedReport>()(byIdInput),
};
