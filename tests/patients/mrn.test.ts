import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { luhnCheckDigit, mrnFor, parseMrn } from '../../main/core/clinic/patients/mrn';
import { clinicDb, create, twoClinics, type TwoClinics } from './fixtures';

describe('MRN format', () => {
  test('is the sequence after 100000 with a Luhn check digit', () => {
    expect(mrnFor(1)).toBe('1000017');
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook Luhn example
    expect(parseMrn('1000017')).toBe('1000017');
    expect(parseMrn('100001-7')).toBe('1000017');
  });

  test('the check digit catches every single mistyped digit and every swap of unequal neighbours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.nat(), fc.integer({ min: 1, max: 9 }), (seq, at, delta) => {
        const mrn = mrnFor(seq);
        const i = at % mrn.length;
        const typo = mrn.slice(0, i) + ((Number(mrn[i]) + delta) % 10) + mrn.slice(i + 1);
        expect(parseMrn(typo)).toBeNull();
        const j = at % (mrn.length - 1);
        const a = mrn[j]!;
        const b = mrn[j + 1]!;
        // Luhn's one blind spot among swaps is 09 <-> 90
        if (a !== b && `${a}${b}` !== '09' && `${a}${b}` !== '90') expect(parseMrn(mrn.slice(0, j) + b + a + mrn.slice(j + 2))).toBeNull();
      }),
    );
  });

  test('text that is not an MRN is refused', () => {
    for (const text of ['', 'abc', '123', '1000018', '10000l7', '1'.repeat(30)]) expect(parseMrn(text)).toBeNull();
  });
});

describe('MRNs in a clinic', () => {
  let t: TwoClinics;
  beforeEach(async () => {
    t = await twoClinics();
  });
  afterEach(async () => t.api.dispose());

  test('concurrent creates each get their own MRN, in one unbroken sequence', async () => {
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => create(t.a, { firstName: `Twin${'abcdefghijklmnopqrst'[i]}` })));
    const mrns = made.map((p) => p.mrn);
    expect(new Set(mrns).size).toBe(20);
    expect([...mrns].sort()).toEqual(Array.from({ length: 20 }, (_, i) => mrnFor(i + 1)).sort());
  });

  test('each clinic counts on its own', async () => {
    const a = await create(t.a);
    const b = await create(t.b);
    expect(a.mrn).toBe(mrnFor(1));
    expect(b.mrn).toBe(mrnFor(1));
  });

  test('an MRN is never handed out again, even after its patient is deleted or erased', async () => {
    const first = await create(t.a);
    await t.a.ok('patients:delete', { id: first.id });
    const second = await create(t.a);
    await t.a.ok('patients:erase', { id: second.id, confirmMrn: second.mrn });
    const third = await create(t.a);
    expect([first.mrn, second.mrn, third.mrn]).toEqual([mrnFor(1), mrnFor(2), mrnFor(3)]);
  });

  test('the database itself refuses to move the counter back', async () => {
    await create(t.a);
    await expect(clinicDb(t.a, (db) => db.updateTable('mrn_sequence').set({ last_value: 0 }).execute())).rejects.toThrow(/only goes up/);
  });

  test('two patients can never share an MRN in the file', async () => {
    const p = await create(t.a);
    const q = await create(t.a, { firstName: 'Other' });
    await expect(clinicDb(t.a, (db) => db.updateTable('patients').set({ mrn: p.mrn }).where('id', '=', q.id).execute())).rejects.toThrow(/UNIQUE/);
  });

  test('findByMrn checks the check digit before looking', async () => {
    const p = await create(t.a);
    const wrong = p.mrn.slice(0, -1) + ((Number(p.mrn.at(-1)) + 1) % 10);
    const error = await t.a.fail('patients:findByMrn', { mrn: wrong }, 'VALIDATION');
    expect(error.fields).toHaveProperty('mrn');
    expect((await t.a.ok('patients:findByMrn', { mrn: `${p.mrn.slice(0, -1)}-${p.mrn.at(-1)}` })).id).toBe(p.id);
    await t.a.fail('patients:findByMrn', { mrn: mrnFor(999) }, 'NOT_FOUND');
  });
});
