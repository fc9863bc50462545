import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CursorPage, PatientHit, PatientSummary } from '../../preload/contract/channels/patients';
import { create, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
const ids: Record<string, string> = {};
const mrns: Record<string, string> = {};

let born = 0;
async function add(key: string, firstName: string, lastName: string, extra: Parameters<typeof create>[1] = {}) {
  const dob = `19${70 + ++born}-01-01`;
  const p = await create(t.a, { firstName, lastName, phone: null, email: null, dob, ...extra });
  ids[key] = p.id;
  mrns[key] = p.mrn;
}

beforeAll(async () => {
  t = await twoClinics();
  await add('annaSmith', 'Anna', 'Smith', { phone: '+1 555 123 4567', dob: '1985-10-12' });
  await add('joanSmith', 'Joan', 'Smith', { dob: '1985-12-10' });
  await add('bobSmithers', 'Bob', 'Smithers');
  await add('smithyAdams', 'Smithy', 'Adams');
  await add('johnBlacksmith', 'John', 'Blacksmith', { phone: '+1 555 123 45678' });
  await add('jose', 'José', "O'Brien", { nationalId: 'X-778-QR' });
  await add('zoe', 'Zoë', 'Ångström');
  await add('maryAnn', 'Mary Ann', 'Jones-Smith');
  await create(t.b, { firstName: 'Anna', lastName: 'Smithfield', phone: null });
}, 60_000);
afterAll(async () => t.api.dispose());

const search = (q: string, extra: { pageSize?: number; cursor?: string | null } = {}) => t.a.ok('patients:search', { q, ...extra });
const keysOf = (items: PatientSummary[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `other:${i.lastName}`);

describe('patients:search groups', () => {
  test('name prefixes come before other substring matches, each alphabetical (last, first)', async () => {
    const page = await search('smith');
    // Jones-Smith sorts under J; Blacksmith only contains the text
    expect(keysOf(page.items)).toEqual(['smithyAdams', 'maryAnn', 'annaSmith', 'joanSmith', 'bobSmithers', 'johnBlacksmith']);
    expect(page.items.map((i) => i.match)).toEqual(['name', 'name', 'name', 'name', 'name', 'text']);
    expect(page.nextCursor).toBeNull();
  });

  test('a second word narrows to full-name prefixes in either order', async () => {
    const smithJ = await search('smith j');
    expect(keysOf(smithJ.items)).toEqual(['joanSmith', 'johnBlacksmith']);
    expect(smithJ.items.map((i) => i.match)).toEqual(['name', 'text']);
    expect(keysOf((await search('anna sm')).items)).toEqual(['annaSmith']);
    expect(keysOf((await search('ann jones')).items)).toEqual(['maryAnn']);
  });

  test('an exact identifier comes first, then the rest', async () => {
    const byPhone = await search('+1 (555) 123-4567');
    expect(keysOf(byPhone.items)).toEqual(['annaSmith', 'johnBlacksmith']);
    expect(byPhone.items.map((i) => i.match)).toEqual(['identifier', 'text']);

    const byMrn = await search(mrns.joanSmith!);
    expect(keysOf(byMrn.items)[0]).toBe('joanSmith');
    expect(byMrn.items[0]?.match).toBe('identifier');

    const byNationalId = await search('x778qr');
    expect(keysOf(byNationalId.items)).toEqual(['jose']);
    expect(byNationalId.items[0]?.match).toBe('identifier');
  });

  test('parts of phones, MRNs and national ids are found', async () => {
    expect(keysOf((await search('4567')).items)).toEqual(['johnBlacksmith', 'annaSmith']);
    expect(keysOf((await search('778')).items)).toEqual(['jose']);
    const mrnPart = mrns.jose!.slice(2, 6);
    expect(keysOf((await search(mrnPart)).items)).toContain('jose');
  });

  test('a long number matches only where it appears whole, not where its pieces are scattered', async () => {
    // in clinic B, to leave clinic A's list as the other tests expect it
    await create(t.b, { firstName: 'Scat', lastName: 'Tered', phone: '1234902349 9' });
    await create(t.b, { firstName: 'Who', lastName: 'Le', phone: '91234 99' });
    const inB = async (q: string) => (await t.b.ok('patients:search', { q })).items.map((i) => i.lastName);
    expect(await inB('123499')).toEqual(['Le']);
    expect(await inB('12349')).toEqual(['Le', 'Tered']);
  });

  test('a national id in another script is found by exact match', async () => {
    await create(t.b, { firstName: 'Ivan', lastName: 'Petrov', nationalId: 'ЖД 4411' });
    expect((await t.b.ok('patients:search', { q: 'жд4411' })).items.map((i) => i.lastName)).toEqual(['Petrov']);
  });

  test('dates of birth in ISO and day-first or month-first forms', async () => {
    expect(keysOf((await search('1985-10-12')).items)).toEqual(['annaSmith']);
    expect(keysOf((await search('12.10.1985')).items)).toEqual(['annaSmith']);
    // 10/12/1985 reads as 10 December or October 12: both are shown, alphabetically
    const either = await search('10/12/1985');
    expect(keysOf(either.items)).toEqual(['annaSmith', 'joanSmith']);
    expect(either.items.every((i) => i.match === 'identifier')).toBe(true);
  });

  test('case and accents do not matter; apostrophes and hyphens are optional', async () => {
    for (const q of ['jose', 'JOSÉ', 'obrien', "o'bri", 'O BRIEN']) expect(keysOf((await search(q)).items), q).toContain('jose');
    for (const q of ['angstrom', 'ÅNGSTRÖM', 'zoe']) expect(keysOf((await search(q)).items), q).toEqual(['zoe']);
    expect(keysOf((await search('jones smith')).items)).toEqual(['maryAnn']);
  });

  test('two letters find name starts; one letter or nothing matching finds nothing', async () => {
    expect(keysOf((await search('zo')).items)).toEqual(['zoe']);
    expect((await search('q')).items).toEqual([]);
    expect((await search('qqqzz')).items).toEqual([]);
  });

  test("another clinic's patients are never found", async () => {
    expect(keysOf((await search('smithfield')).items)).toEqual([]);
    const inB = await t.b.ok('patients:search', { q: 'smith' });
    expect(inB.items.map((i) => i.lastName)).toEqual(['Smithfield']);
  });

  test('summaries carry no clinical text', async () => {
    const [hit] = (await search('jose')).items;
    expect(Object.keys(hit ?? {}).sort()).toEqual(['dob', 'dobApproximate', 'firstName', 'id', 'lastName', 'match', 'mrn', 'phone', 'sex']);
  });

  test('search syntax typed by a person is taken as text', async () => {
    for (const q of ['smith" OR "a', 'NOT smith', '(smith', 'smi*', 'name : x', '^smith', '"', '{ids}:1']) {
      const r = await t.a.call('patients:search', { q });
      expect(r.ok, q).toBe(true);
    }
    expect(keysOf((await search('^smith')).items)).toEqual(keysOf((await search('smith')).items));
  });
});

describe('patients:search pages', () => {
  test('pages follow each other across the groups without gaps or repeats', async () => {
    const all = await search('smith', { pageSize: 100 });
    const seen: PatientHit[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search('smith', { pageSize: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.items);
  });

  test('the identifier group pages too', async () => {
    const first = await search('10/12/1985', { pageSize: 1 });
    const second = await search('10/12/1985', { pageSize: 1, cursor: first.nextCursor });
    expect(keysOf([...first.items, ...second.items])).toEqual(['annaSmith', 'joanSmith']);
    expect(second.nextCursor).toBeNull();
  });

  test('a forged or damaged cursor is refused with a message for the field', async () => {
    for (const cursor of ['nope', '{"g":9,"r":1}', '[1]', '{"g":0,"r":1.5}', '{"g":0}']) {
      const error = await t.a.fail('patients:search', { q: 'smith', cursor }, 'VALIDATION');
      expect(error.fields).toHaveProperty('cursor');
    }
  });

  test('page size is 1 to 100', async () => {
    await t.a.fail('patients:search', { q: 'smith', pageSize: 0 }, 'VALIDATION');
    await t.a.fail('patients:search', { q: 'smith', pageSize: 101 }, 'VALIDATION');
  });
});

describe('patients:list', () => {
  const orderOf = async (sort: 'name' | 'mrn' | 'created' | 'dob', order: 'asc' | 'desc', pageSize = 3) => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CursorPage<PatientSummary> = await t.a.ok('patients:list', { sort, order, pageSize, cursor });
      out.push(...keysOf(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  test('by name, both ways, page by page', async () => {
    const asc = ['smithyAdams', 'zoe', 'johnBlacksmith', 'maryAnn', 'jose', 'annaSmith', 'joanSmith', 'bobSmithers'];
    expect(await orderOf('name', 'asc')).toEqual(asc);
    expect(await orderOf('name', 'desc')).toEqual([...asc].reverse());
  });

  test('by MRN and by creation: the order they were registered', async () => {
    const created = ['annaSmith', 'joanSmith', 'bobSmithers', 'smithyAdams', 'johnBlacksmith', 'jose', 'zoe', 'maryAnn'];
    expect(await orderOf('mrn', 'asc')).toEqual(created);
    expect(await orderOf('created', 'desc', 5)).toEqual([...created].reverse());
  });

  test('by date of birth, ties by name', async () => {
    await add('twinB', 'Twin', 'Bravo', { dob: '1970-01-01' });
    await add('twinA', 'Twin', 'Alpha', { dob: '1970-01-01' });
    const dobOrder = await orderOf('dob', 'asc', 2);
    expect(dobOrder).toEqual(['twinA', 'twinB', 'bobSmithers', 'smithyAdams', 'johnBlacksmith', 'jose', 'zoe', 'maryAnn', 'annaSmith', 'joanSmith']);
    expect(await orderOf('dob', 'desc', 4)).toEqual([...dobOrder].reverse());
  });
});
