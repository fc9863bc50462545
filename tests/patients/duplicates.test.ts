import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { soundex } from '../../main/core/clinic/patients/fold';
import { auditOf, create, person, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
});
afterEach(async () => t.api.dispose());

test('Soundex codes as OpenEMR compares names', () => {
  expect(['Robert', 'Rupert', 'Ashcraft', 'Tymczak', 'Pfister', 'Smith', 'Smyth'].map(soundex)).toEqual(['R163', 'R163', 'A261', 'T522', 'P236', 'S530', 'S530']);
  expect(soundex('Müller')).toBe(soundex('Muller'));
});

describe('duplicate detection on create', () => {
  test('a likely duplicate is answered with ranked candidates and nothing is created', async () => {
    const ada = await create(t.a);
    const twin = await create(t.a, { firstName: 'Augusta', email: null, nationalId: null });
    const result = await t.a.ok('patients:create', person({ lastName: 'Lovelace', email: 'ADA@example.org ' }));
    expect(result.status).toBe('possible-duplicates');
    if (result.status !== 'possible-duplicates') return;
    expect(result.candidates.map((c) => c.id)).toEqual([ada.id, twin.id]);
    expect(result.candidates[0]).toMatchObject({ mrn: ada.mrn, firstName: 'Ada', score: 5 + 3 + 6 + 4 + 7, reasons: ['name', 'dob', 'phone', 'email'] });
    // Augusta shares last name, date of birth and phone: 3 + 6 + 4
    expect(result.candidates[1]).toMatchObject({ score: 13, reasons: ['last-name', 'dob', 'phone'] });
    expect((await t.a.ok('patients:list', {})).items).toHaveLength(2);
  });

  test('names are compared with accents and case folded, by sound, and swapped', async () => {
    const p = await create(t.a, { firstName: 'Zoë', lastName: 'Smyth', phone: null, email: null });
    const check = (firstName: string, lastName: string) => t.a.ok('patients:checkDuplicates', { firstName, lastName, dob: '1985-12-10' });
    expect((await check('zoe', 'SMITH'))[0]).toMatchObject({ id: p.id, reasons: ['name', 'dob'], score: 14 });
    expect((await check('Smith', 'Zoe'))[0]).toMatchObject({ id: p.id, reasons: ['swapped-name', 'dob'], score: 14 });
  });

  test('a shared national id alone is enough; a shared phone alone is not', async () => {
    const p = await create(t.a, { nationalId: 'AB-12345' });
    const byId = await t.a.ok('patients:checkDuplicates', { firstName: 'Someone', lastName: 'Else', nationalId: 'ab 12345' });
    expect(byId.map((c) => [c.id, c.score, c.reasons])).toEqual([[p.id, 15, ['national-id']]]);
    expect(await t.a.ok('patients:checkDuplicates', { firstName: 'Someone', lastName: 'Else', phone: p.phone })).toEqual([]);
  });

  test('a differing known sex lowers the score, below the threshold for a weak match', async () => {
    await create(t.a, { email: null, phone: null });
    const probe = { firstName: 'Ada', lastName: 'Lovelace', dob: '1985-12-10' };
    expect((await t.a.ok('patients:checkDuplicates', { ...probe, sex: 'unknown' }))[0]?.score).toBe(14);
    expect((await t.a.ok('patients:checkDuplicates', { ...probe, sex: 'male' }))[0]?.score).toBe(9);
    // last name and birth date alone (3 + 6) is a candidate unless the sex differs
    expect(await t.a.ok('patients:checkDuplicates', { ...probe, firstName: 'Bo', sex: 'female' })).toHaveLength(1);
    expect(await t.a.ok('patients:checkDuplicates', { ...probe, firstName: 'Bo', sex: 'male' })).toEqual([]);
  });

  test('deleted, merged and other clinics’ patients are not candidates', async () => {
    const p = await create(t.a);
    await create(t.b);
    await t.a.ok('patients:delete', { id: p.id });
    expect((await t.a.ok('patients:create', person())).status).toBe('created');
  });

  test('confirming creates anyway and records which candidates were overridden', async () => {
    const ada = await create(t.a);
    const result = await t.a.ok('patients:create', { ...person(), confirmDuplicate: true });
    expect(result.status).toBe('created');
    if (result.status !== 'created') return;
    const [entry] = await auditOf(t.a, result.patient.id);
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ mrn: result.patient.mrn, confirmedDespiteDuplicates: [ada.id] });
  });

  test('candidates come from indexes, not a scan of the table', async () => {
    const plans = await t.api.core.tenants.use({ id: t.a.clinicId, slug: t.a.session.activeClinic!.slug }, (h) =>
      ['national_id_key', 'email_key', 'phone_digits', 'dob'].map((column) =>
        (h.sqlite.prepare(`explain query plan select id from patients where state = 'active' and ${column} = ? limit 50`).all('x') as { detail: string }[])
          .map((r) => r.detail)
          .join(' '),
      ),
    );
    for (const plan of plans) expect(plan).toMatch(/USING INDEX/);
  });
});
