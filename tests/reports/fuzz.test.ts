import { afterAll, beforeAll, test } from 'vitest';
import { twoClinics, type TwoClinics } from '../appointments/fixtures';
import { fuzzChannels } from '../payments/fuzz-inputs';

let t: TwoClinics;
let savedId: string;
beforeAll(async () => {
  t = await twoClinics();
  savedId = (await t.north.ok('reports:save', { name: 'Saved', spec: { kind: 'endOfDay', params: { date: '2025-03-24' } } })).id;
}, 60_000);
afterAll(async () => t.api.dispose());

test('every reports channel answers any input with a Result, never an internal error', async () => {
  const range = { from: '2025-03-01', to: '2025-03-31' };
  await fuzzChannels(
    t.north,
    {
      'reports:endOfDay': { date: '2025-03-24' },
      'reports:revenue': { ...range, period: 'week', doctorId: savedId },
      'reports:appointments': range,
      'reports:newPatients': { ...range, period: 'month' },
      'reports:topItems': { ...range, by: 'revenue', limit: 5 },
      'reports:exportCsv': { kind: 'revenue', params: { ...range, period: 'day' } },
      'reports:save': { name: 'Fuzz', spec: { kind: 'topItems', params: range } },
      'reports:listSaved': {},
      'reports:runSaved': { id: savedId },
      'reports:exportSaved': { id: savedId },
      'reports:deleteSaved': { id: savedId },
    },
    400,
  );
}, 120_000);

test('the widest ranges each report allows, and the first and last dates it accepts, still answer', async () => {
  for (const [from, to] of [
    ['1900-01-01', '1900-12-31'],
    ['2999-01-01', '2999-12-31'],
  ]) {
    await t.north.ok('reports:revenue', { from: from!, to: to!, period: 'day' });
    await t.north.ok('reports:newPatients', { from: from!, to: to!, period: 'week' });
    await t.north.ok('reports:endOfDay', { date: to! });
  }
  await t.north.ok('reports:revenue', { from: '2000-01-01', to: '2019-12-31', period: 'month' });
  await t.north.fail('reports:endOfDay', { date: '9999-12-31' }, 'VALIDATION');
  await t.north.fail('payments:list', { from: '9999-12-31' }, 'VALIDATION');
});
