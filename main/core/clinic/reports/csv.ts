import { stringify } from 'csv-stringify/sync';
import type { ColumnKind, Report, ReportCell, ReportCsv, ReportSpec } from '../../../../preload/contract/channels/reports';
import { toMajor } from './money';

/**
 * A spreadsheet opening the file would run a cell starting with one of these as a formula;
 * text from the clinic's records (item names, people's names) is kept as text with a leading '.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: ReportCell, kind: ColumnKind, currency: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (kind === 'money') return toMajor(value, currency);
    if (kind === 'percent') return (value * 100).toFixed(1);
    return String(value);
  }
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function heading(label: string, kind: ColumnKind, currency: string): string {
  if (kind === 'money') return `${label} (${currency})`;
  if (kind === 'percent') return `${label} (%)`;
  return label;
}

/**
 * The report as CSV: one heading line, its rows and its totals line. Money is in major units
 * with the currency in the column's heading, so the figures stay numbers a spreadsheet can sum.
 */
function reportCsv(report: Report): string {
  const { columns, currency } = report;
  const lines = [...report.rows, ...(report.totals ? [report.totals] : [])];
  return stringify([
    columns.map((c) => heading(c.label, c.kind, currency)),
    ...lines.map((row) => columns.map((c) => cell(row[c.key] ?? null, c.kind, currency))),
  ]);
}

function csvFileName(spec: ReportSpec): string {
  const dates = 'date' in spec.params ? spec.params.date : `${spec.params.from}-to-${spec.params.to}`;
  const kind = spec.kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${kind}-${dates}.csv`;
}

export const toReportCsv = (spec: ReportSpec, report: Report): ReportCsv => ({ fileName: csvFileName(spec), csv: reportCsv(report) });
