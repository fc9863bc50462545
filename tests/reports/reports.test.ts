import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerViaApi } from '../helpers/api';
import { clinicDb } from '../patients/fixtures';
import { buildDataset, type Dataset } from './dataset';

let d: Dataset;
beforeAll(async () => {
  d = await buildDataset();
}, 120_000);
afterAll(async () => d.api.dispose());

describe('end-of-day cash report', () => {
  test('payments and refunds of the clinic day by method and by person, cut at local midnight', async () => {
    const report = await d.north.ok('reports:endOfDay', { date: '2025-03-24' });
    expect(report).toMatchObject({ kind: 'endOfDay', currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(report.columns.map((c) => [c.key, c.kind])).toEqual([
      ['method', 'text'],
      ['user', 'text'],
      ['payments', 'count'],
      ['paid', 'money'],
      ['refunds', 'count'],
      ['refunded', 'money'],
      ['net', 'money'],
    ]);
    expect(report.rows).toEqual([
      // the refund of Sunday's payment counts on the day it was given
      { method: 'Cash', user: 'North Clinic Admin', payments: 1, paid: 1000, refunds: 1, refunded: 100, net: 900 },
      { method: 'Cash', user: 'Zed Desk', payments: 1, paid: 700, refunds: 0, refunded: 0, net: 700 },
      { method: 'Card', user: 'North Clinic Admin', payments: 0, paid: 0, refunds: 1, refunded: 300, net: -300 },
      { method: 'Card', user: 'Zed Desk', payments: 1, paid: 2500, refunds: 0, refunded: 0, net: 2500 },
    ]);
    expect(report.totals).toEqual({ method: 'Total', user: null, payments: 3, paid: 4200, refunds: 2, refunded: 400, net: 3800 });
  });

  test('the days either side hold the payments just past midnight', async () => {
    expect((await d.north.ok('reports:endOfDay', { date: '2025-03-23' })).rows).toEqual([
      { method: 'Cash', user: 'North Clinic Admin', payments: 1, paid: 999, refunds: 0, refunded: 0, net: 999 },
    ]);
    expect((await d.north.ok('reports:endOfDay', { date: '2025-03-25' })).rows).toEqual([
      { method: 'Cash', user: 'North Clinic Admin', payments: 1, paid: 400, refunds: 0, refunded: 0, net: 400 },
    ]);
  });

  test('the 23-hour day when the clocks go forward', async () => {
    expect((await d.north.ok('reports:endOfDay', { date: '2025-03-30' })).totals).toMatchObject({ payments: 2, paid: 30 });
  });

  test('an empty day is an empty report; the other clinic sees only its own', async () => {
    const empty = await d.north.ok('reports:endOfDay', { date: '2025-01-01' });
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({ payments: 0, net: 0 });
    expect((await d.south.ok('reports:endOfDay', { date: '2025-03-24' })).rows).toEqual([
      { method: 'Cash', user: 'South Clinic Admin', payments: 1, paid: 5555, refunds: 0, refunded: 0, net: 5555 },
    ]);
  });
});

describe('revenue by doctor and period', () => {
  const money = (adams: number, baker: number) => (keys: { a: string; b: string }) => ({ [keys.a]: adams, [keys.b]: baker, total: adams + baker });

  test('by day: completed visits’ fees on the visit’s local date, every day of the range shown', async () => {
    const keys = { a: `doctor:${d.adams}`, b: `doctor:${d.baker}` };
    const report = await d.north.ok('reports:revenue', { from: '2025-03-23', to: '2025-03-25', period: 'day' });
    expect(report.columns).toEqual([
      { key: 'period', label: 'Day', kind: 'date' },
      { key: keys.a, label: 'Dr Adams', kind: 'money' },
      { key: keys.b, label: 'Dr Baker', kind: 'money' },
      { key: 'total', label: 'Total', kind: 'money' },
    ]);
    expect(report.rows).toEqual([
      { period: '2025-03-23', ...money(1000, 0)(keys) },
      { period: '2025-03-24', ...money(2000, 0)(keys) },
      { period: '2025-03-25', ...money(0, 3000)(keys) },
    ]);
    expect(report.totals).toEqual({ period: 'Total', ...money(3000, 3000)(keys) });
    expect(report.chart).toEqual({ type: 'line', x: 'period', series: [keys.a, keys.b] });
  });

  test('by week (Monday to Sunday) and by month, across the change to summer time', async () => {
    const keys = { a: `doctor:${d.adams}`, b: `doctor:${d.baker}` };
    const weeks = await d.north.ok('reports:revenue', { from: '2025-03-17', to: '2025-04-06', period: 'week' });
    expect(weeks.columns[0]).toEqual({ key: 'period', label: 'Week of', kind: 'date' });
    expect(weeks.rows).toEqual([
      { period: '2025-03-17', ...money(1000, 0)(keys) },
      { period: '2025-03-24', ...money(2000, 3000)(keys) },
      { period: '2025-03-31', ...money(0, 9000)(keys) },
    ]);
    const months = await d.north.ok('reports:revenue', { from: '2025-03-01', to: '2025-04-30', period: 'month' });
    expect(months.rows).toEqual([
      { period: '2025-03', ...money(3000, 7000)(keys) },
      { period: '2025-04', ...money(0, 5000)(keys) },
    ]);
    expect(months.totals).toEqual({ period: 'Total', ...money(3000, 12000)(keys) });
    expect(months.chart?.type).toBe('bar');
  });

  test('for one doctor; a range with no visits has no doctor columns', async () => {
    const baker = await d.north.ok('reports:revenue', { from: '2025-03-01', to: '2025-03-31', period: 'month', doctorId: d.baker });
    expect(baker.rows).toEqual([{ period: '2025-03', [`doctor:${d.baker}`]: 7000, total: 7000 }]);
    const none = await d.north.ok('reports:revenue', { from: '2024-01-01', to: '2024-01-02' });
    expect(none.rows).toEqual([
      { period: '2024-01-01', total: 0 },
      { period: '2024-01-02', total: 0 },
    ]);
    expect(none.chart?.series).toEqual(['total']);
  });
});

describe('appointments by status and no-show rate', () => {
  test('per doctor, with the rate over visits whose outcome is known', async () => {
    const report = await d.north.ok('reports:appointments', { from: '2025-03-17', to: '2025-04-06' });
    const zero = { scheduled: 0, arrived: 0, in_progress: 0, completed: 0, cancelled: 0, no_show: 0 };
    expect(report.rows).toEqual([
      { doctor: 'Dr Adams', ...zero, scheduled: 1, completed: 2, no_show: 1, total: 4, noShowRate: 1 / 3 },
      { doctor: 'Dr Baker', ...zero, completed: 3, cancelled: 1, total: 4, noShowRate: 0 },
    ]);
    expect(report.totals).toEqual({ doctor: 'Total', ...zero, scheduled: 1, completed: 5, cancelled: 1, no_show: 1, total: 8, noShowRate: 1 / 6 });
    expect(report.columns.at(-1)).toEqual({ key: 'noShowRate', label: 'No-show rate', kind: 'percent' });
    expect(report.chart).toEqual({ type: 'bar', x: 'doctor', series: ['completed', 'cancelled', 'no_show'] });
  });

  test('one local day; no rate where nothing is known yet', async () => {
    const monday = await d.north.ok('reports:appointments', { from: '2025-03-24', to: '2025-03-24' });
    expect(monday.rows).toMatchObject([{ doctor: 'Dr Adams', completed: 1, no_show: 1, total: 2, noShowRate: 0.5 }]);
    const wednesday = await d.north.ok('reports:appointments', { from: '2025-03-26', to: '2025-03-26' });
    expect(wednesday.rows).toMatchObject([{ doctor: 'Dr Adams', scheduled: 1, total: 1, noShowRate: null }]);
  });
});

describe('new patients per period', () => {
  test('by local day and by month; merged and deleted records do not count', async () => {
    const days = await d.north.ok('reports:newPatients', { from: '2025-03-23', to: '2025-03-25', period: 'day' });
    expect(days.rows).toEqual([
      { period: '2025-03-23', patients: 1 },
      { period: '2025-03-24', patients: 3 },
      { period: '2025-03-25', patients: 0 },
    ]);
    expect(days.totals).toEqual({ period: 'Total', patients: 4 });
    const months = await d.north.ok('reports:newPatients', { from: '2025-03-01', to: '2025-04-30', period: 'month' });
    expect(months.rows).toEqual([
      { period: '2025-03', patients: 4 },
      { period: '2025-04', patients: 1 },
    ]);
    expect(months.chart).toEqual({ type: 'bar', x: 'period', series: ['patients'] });
  });
});

describe('top items sold', () => {
  test('by units, then by net sales; voided sales left out', async () => {
    const byUnits = await d.north.ok('reports:topItems', { from: '2025-03-24', to: '2025-03-24' });
    expect(byUnits.rows).toEqual([
      { rank: 1, item: 'Gel', kind: 'Product', quantity: 5, revenue: 1000 },
      { rank: 2, item: 'Cream', kind: 'Product', quantity: 4, revenue: 4000 },
      { rank: 3, item: 'Consultation', kind: 'Service', quantity: 1, revenue: 5000 },
      { rank: 4, item: '=HYPERLINK("http://x")', kind: 'Service', quantity: 1, revenue: 1 },
    ]);
    const byRevenue = await d.north.ok('reports:topItems', { from: '2025-03-24', to: '2025-03-24', by: 'revenue', limit: 2 });
    expect(byRevenue.rows.map((r) => [r.item, r.revenue])).toEqual([
      ['Consultation', 5000],
      ['Cream', 4000],
    ]);
    expect(byRevenue.chart).toEqual({ type: 'bar', x: 'item', series: ['revenue'] });
    const withSunday = await d.north.ok('reports:topItems', { from: '2025-03-23', to: '2025-03-24', limit: 1 });
    expect(withSunday.rows).toEqual([{ rank: 1, item: 'Consultation', kind: 'Service', quantity: 11, revenue: 55000 }]);
  });
});

describe('report parameters', () => {
  test.each([
    ['reports:endOfDay', { date: '2025-02-30' }, { date: 'That date does not exist.' }],
    ['reports:endOfDay', { date: '24.03.2025' }, { date: 'Use a date such as 2025-03-30.' }],
    ['reports:revenue', { from: '2025-03-10', to: '2025-03-01' }, { to: 'Use a date on or after the start.' }],
    ['reports:revenue', { from: '2020-01-01', to: '2025-01-01', period: 'day' }, { to: 'Use a range of at most 366 days for days.' }],
    ['reports:revenue', { from: '2025-01-01', to: '2025-01-02', period: 'year' }, { period: 'Choose day, week or month.' }],
    ['reports:topItems', { from: '2025-01-01', to: '2025-01-02', limit: 0 }, { limit: 'Use at least 1.' }],
    ['reports:appointments', { from: '2025-01-01' }, { to: expect.any(String) }],
  ] as const)('%s refuses %j', async (channel, input, fields) => {
    expect((await d.north.fail(channel, input as never, 'VALIDATION')).fields).toEqual(fields);
  });
});

describe('CSV export', () => {
  test('money in major units with the currency in the heading, and the totals line', async () => {
    const { fileName, csv } = await d.north.ok('reports:exportCsv', { kind: 'endOfDay', params: { date: '2025-03-24' } });
    expect(fileName).toBe('end-of-day-2025-03-24.csv');
    expect(csv).toBe(
      [
        'Method,Taken by,Payments,Paid (EUR),Refunds,Refunded (EUR),Net (EUR)',
        'Cash,North Clinic Admin,1,10.00,1,1.00,9.00',
        'Cash,Zed Desk,1,7.00,0,0.00,7.00',
        'Card,North Clinic Admin,0,0.00,1,3.00,-3.00',
        'Card,Zed Desk,1,25.00,0,0.00,25.00',
        'Total,,3,42.00,2,4.00,38.00',
        '',
      ].join('\n'),
    );
  });

  test('percentages as percent, and text that a spreadsheet would run as a formula kept as text', async () => {
    const appointments = await d.north.ok('reports:exportCsv', { kind: 'appointments', params: { from: '2025-03-17', to: '2025-04-06' } });
    expect(appointments.fileName).toBe('appointments-2025-03-17-to-2025-04-06.csv');
    expect(appointments.csv.split('\n').slice(0, 2)).toEqual([
      'Doctor,Scheduled,Checked in,In progress,Completed,Cancelled,No-show,Total,No-show rate (%)',
      'Dr Adams,1,0,0,2,0,1,4,33.3',
    ]);
    const items = await d.north.ok('reports:exportCsv', { kind: 'topItems', params: { from: '2025-03-24', to: '2025-03-24' } });
    expect(items.csv.split('\n')[4]).toBe(`4,"'=HYPERLINK(""http://x"")",Service,1,0.01`);
  });

  test('a currency without minor units has no decimals', async () => {
    const tokyo = await registerViaApi(d.api, 'Tokyo Clinic', { currency: 'JPY', timezone: 'Asia/Tokyo' });
    const r = await tokyo.ok('patients:create', { firstName: 'Yui', lastName: 'Sato', dob: '1990-01-01', confirmDuplicate: true });
    if (r.status !== 'created') throw new Error('not created');
    await tokyo.ok('payments:create', { patientId: r.patient.id, amountMinor: 3500, method: 'cash' });
    // 10:00 UTC on 2 April is 19:00 on 2 April in Tokyo
    const { csv } = await tokyo.ok('reports:exportCsv', { kind: 'endOfDay', params: { date: '2025-04-02' } });
    expect(csv.split('\n')[1]).toBe('Cash,Tokyo Clinic Admin,1,3500,0,0,3500');
  });
});

describe('saved reports', () => {
  test('are saved by name with their parameters, listed, re-run, exported and deleted', async () => {
    const spec = { kind: 'revenue' as const, params: { from: '2025-03-01', to: '2025-04-30', period: 'month' as const } };
    const saved = await d.north.ok('reports:save', { name: 'Monthly revenue', spec });
    expect(saved).toMatchObject({ name: 'Monthly revenue', spec, createdBy: 'North Clinic Admin' });
    await d.north.ok('reports:save', { name: 'A day at the till', spec: { kind: 'endOfDay', params: { date: '2025-03-24' } } });
    expect((await d.north.ok('reports:listSaved', {})).map((s) => s.name)).toEqual(['A day at the till', 'Monthly revenue']);

    expect(await d.north.ok('reports:runSaved', { id: saved.id })).toEqual(await d.north.ok('reports:revenue', spec.params));
    expect(await d.north.ok('reports:exportSaved', { id: saved.id })).toEqual(await d.north.ok('reports:exportCsv', spec));

    expect((await d.north.ok('reports:deleteSaved', { id: saved.id })).name).toBe('Monthly revenue');
    await d.north.fail('reports:runSaved', { id: saved.id }, 'NOT_FOUND');
    expect((await d.north.ok('reports:listSaved', {})).map((s) => s.name)).toEqual(['A day at the till']);

    const audit = await clinicDb(d.north, (db) => db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', saved.id).orderBy('id').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  test('names are unique whatever the letter case; parameters are checked like the report’s own', async () => {
    await d.north.ok('reports:save', { name: 'Top sellers', spec: { kind: 'topItems', params: { from: '2025-03-01', to: '2025-03-31' } } });
    const clash = await d.north.fail('reports:save', { name: 'TOP SELLERS', spec: { kind: 'newPatients', params: { from: '2025-03-01', to: '2025-03-31' } } }, 'CONFLICT');
    expect(clash.fields).toEqual({ name: 'Already in use.' });
    const bad = await d.north.fail('reports:save', { name: 'Bad', spec: { kind: 'revenue', params: { from: '2025-03-10', to: '2025-03-01' } } }, 'VALIDATION');
    expect(bad.fields).toEqual({ 'spec.params.to': 'Use a date on or after the start.' });
    expect((await d.north.fail('reports:save', { name: 'Bad', spec: { kind: 'nope', params: {} } } as never, 'VALIDATION')).fields).toHaveProperty(['spec.kind']);
  });

  test('a saved report whose parameters no longer fit is refused with a way out, and can still be deleted', async () => {
    const saved = await d.north.ok('reports:save', { name: 'Old style', spec: { kind: 'endOfDay', params: { date: '2025-03-24' } } });
    await clinicDb(d.north, (db) => db.updateTable('saved_reports').set({ spec: '{"kind":"endOfDay","params":{"day":"yesterday"}}' }).where('id', '=', saved.id).execute());
    expect((await d.north.fail('reports:runSaved', { id: saved.id }, 'CONFLICT')).message).toMatch(/no longer fits/);
    expect((await d.north.ok('reports:listSaved', {})).find((s) => s.id === saved.id)?.spec).toBeNull();
    await d.north.ok('reports:deleteSaved', { id: saved.id });
  });

  test('belong to their clinic', async () => {
    const saved = await d.north.ok('reports:save', { name: 'Northern', spec: { kind: 'endOfDay', params: { date: '2025-03-24' } } });
    await d.south.fail('reports:runSaved', { id: saved.id }, 'NOT_FOUND');
    await d.south.fail('reports:deleteSaved', { id: saved.id }, 'NOT_FOUND');
    expect((await d.south.ok('reports:listSaved', {})).map((s) => s.name)).not.toContain('Northern');
  });
});
