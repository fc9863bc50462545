import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChannelInput } from '../../preload/contract';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
const ids: Record<string, string> = {};
let ann: string;
let bob: string;
let drA: string;
let drB: string;

// the clock stands on Monday 24 March 2025, 11:00 in Berlin
beforeAll(async () => {
  t = await twoClinics();
  [ann, bob] = [await addPatient(t.north, 'Ann'), await addPatient(t.north, 'Bob')];
  [drA, drB] = [(await addDoctor(t.north)).id, (await addDoctor(t.north)).id];
  const book = async (name: string, patientId: string, doctorId: string, localStart: string) => {
    ids[name] = (await t.north.ok('appointments:book', { patientId, doctorId, localStart })).id;
  };
  await book('annTue', ann, drA, '2025-03-25T09:00');
  await book('annWed', ann, drB, '2025-03-26T09:00');
  await book('annThu', ann, drA, '2025-03-27T09:00');
  await book('bobTue', bob, drB, '2025-03-25T10:00');
  await book('bobWed', bob, drA, '2025-03-26T10:00');
  await t.north.ok('appointments:setStatus', { id: ids.annTue!, status: 'arrived' });
  await t.north.ok('appointments:cancel', { id: ids.bobTue!, by: 'patient', reason: 'Away' });
  await t.north.ok('appointments:delete', { id: ids.annThu! });
  // another clinic's appointments never show
  const south = await addPatient(t.south);
  await t.south.ok('appointments:book', { patientId: south, doctorId: (await addDoctor(t.south)).id, localStart: '2025-03-25T09:00' });
});
afterAll(async () => t.api.dispose());

const names = (wanted: readonly string[]) => wanted.map((n) => ids[n]);
async function listed(input: ChannelInput<'appointments:list'>): Promise<string[]> {
  const page = await t.north.ok('appointments:list', input);
  return page.items.map((a) => Object.keys(ids).find((n) => ids[n] === a.id) ?? a.id);
}

describe('listing appointments', () => {
  test('each filter narrows the list; the same filters with other values give those values’ rows', async () => {
    expect(await listed({})).toEqual(['annTue', 'bobTue', 'annWed', 'bobWed']);
    // the same kind of filter asked twice with different values: no value sticks from the first
    expect(await listed({ patientId: ann })).toEqual(['annTue', 'annWed']);
    expect(await listed({ patientId: bob })).toEqual(['bobTue', 'bobWed']);
    expect(await listed({ doctorId: drA })).toEqual(['annTue', 'bobWed']);
    expect(await listed({ doctorId: drB, patientId: bob })).toEqual(['bobTue']);
    expect(await listed({ status: ['arrived'] })).toEqual(['annTue']);
    expect(await listed({ status: ['cancelled'] })).toEqual(['bobTue']);
    expect(await listed({ status: ['cancelled', 'scheduled'] })).toEqual(['bobTue', 'annWed', 'bobWed']);
    expect(await listed({ status: ['arrived', 'scheduled'] })).toEqual(['annTue', 'annWed', 'bobWed']);
    // Wednesday in Berlin: from its midnight (23:00 UTC the day before) to Thursday's
    expect(await listed({ from: '2025-03-25T23:00:00Z', to: '2025-03-26T23:00:00Z' })).toEqual(['annWed', 'bobWed']);
    expect(await listed({ from: '2025-03-26T08:30:00Z' })).toEqual(['bobWed']);
    expect(await listed({ to: '2025-03-25T08:30:00Z' })).toEqual(['annTue']);
    expect(await listed({ deleted: 'only' })).toEqual(['annThu']);
    expect(await listed({ deleted: 'include', patientId: ann })).toEqual(['annTue', 'annWed', 'annThu']);
    expect(await listed({ sort: 'start', order: 'desc' })).toEqual(['bobWed', 'annWed', 'bobTue', 'annTue']);
  });

  test('pages carry the total of every row the filters match', async () => {
    const second = await t.north.ok('appointments:list', { page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((a) => a.id)).toEqual(names(['bobWed']));
    const filtered = await t.north.ok('appointments:list', { patientId: bob, page: 1, pageSize: 1 });
    expect(filtered.total).toBe(2);
    expect(filtered.items.map((a) => a.id)).toEqual(names(['bobTue']));
    expect((await t.north.ok('appointments:list', { patientId: ann, status: ['no_show'] })).total).toBe(0);
    // a full last page, and pages past the end, still know how many there are
    expect(await t.north.ok('appointments:list', { page: 2, pageSize: 2 })).toMatchObject({ total: 4, page: 2 });
    expect(await t.north.ok('appointments:list', { pageSize: 4 })).toMatchObject({ total: 4 });
    expect(await t.north.ok('appointments:list', { page: 3, pageSize: 3 })).toEqual({ items: [], total: 4, page: 3, pageSize: 3 });
  });

  test('times come in the clinic’s zone', async () => {
    const [first] = (await t.north.ok('appointments:list', { patientId: ann })).items;
    expect(first).toMatchObject({ start: '2025-03-25T08:00:00.000Z', localStart: '2025-03-25T09:00:00+01:00', localEnd: '2025-03-25T09:30:00+01:00' });
  });
});
