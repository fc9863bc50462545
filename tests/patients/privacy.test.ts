import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditOf, clinicDb, create, twoClinics, type TwoClinics } from './fixtures';
import { addPayment, addReferral, addRelatedTables, rowsOf } from './related';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
  await addRelatedTables(t.a);
});
afterEach(async () => t.api.dispose());

const full = { nationalId: 'ID-4242', address: '12 Crescent', allergies: 'Peanuts', notes: 'Anxious', insuranceProvider: 'ACME', emergencyContactName: 'Byron' };

describe('patients:export', () => {
  test('holds the record, every related row with its children, and the audit trail, as JSON and CSV', async () => {
    const p = await create(t.a, full);
    await addPayment(t.a, 'pay-1', p.id, 'paid in cash');
    await addReferral(t.a, 'ref-1', p.id, 'cardiology');
    await t.a.ok('patients:update', { id: p.id, phone: '+44 1 2345' });
    const other = await create(t.a, { firstName: 'Someone', lastName: 'Else' });
    await addPayment(t.a, 'pay-2', other.id, 'not theirs');

    const out = await t.a.ok('patients:export', { id: p.id });
    expect(out.baseName).toBe(`patient-${p.mrn}`);
    const doc = JSON.parse(out.json) as { patient: { id: string; allergies: string }; related: Record<string, { id: string }[]>; audit: { action: string; changes: unknown }[] };
    expect(doc.patient).toMatchObject({ id: p.id, allergies: 'Peanuts', nationalId: 'ID-4242' });
    expect(Object.fromEntries(Object.entries(doc.related).map(([k, rows]) => [k, rows.map((r) => r.id)]))).toEqual({
      test_payments: ['pay-1'],
      test_payment_lines: ['pay-1-line'],
      test_referrals: ['ref-1'],
    });
    expect(doc.audit.map((e) => e.action)).toEqual(['create', 'update']);
    expect(doc.audit[1]?.changes).toEqual({ phone: ['+44 20 7946 0018', '+44 1 2345'] });

    expect(out.csv.map((c) => c.name)).toEqual(['patient', 'test_payments', 'test_referrals', 'test_payment_lines', 'audit']);
    const patientCsv = out.csv[0]!.content.split('\n');
    expect(patientCsv[0]).toContain('firstName');
    expect(patientCsv[1]).toContain('Peanuts');
    expect(out.csv[1]!.content).toContain('paid in cash');
    expect(out.json).not.toContain('not theirs');
    expect((await auditOf(t.a, p.id)).map((e) => e.action)).toEqual(['create', 'update', 'export']);
  });

  test('includes records merged into the patient', async () => {
    const p = await create(t.a);
    const dup = await create(t.a, { firstName: 'Adda' });
    await addPayment(t.a, 'pay-1', dup.id, 'x');
    await t.a.ok('patients:merge', { survivorId: p.id, otherId: dup.id });
    const doc = JSON.parse((await t.a.ok('patients:export', { id: p.id })).json) as { mergedRecords: { id: string }[]; related: Record<string, unknown[]> };
    expect(doc.mergedRecords.map((r) => r.id)).toEqual([dup.id]);
    expect(doc.related.test_payments).toHaveLength(1);
  });
});

describe('patients:erase', () => {
  test('clears personal fields, keeps the MRN and related rows, anonymises their free text', async () => {
    const p = await create(t.a, full);
    await addPayment(t.a, 'pay-1', p.id, 'paid by Ada');
    await addReferral(t.a, 'ref-1', p.id, 'Ada has a heart murmur');

    const erased = await t.a.ok('patients:erase', { id: p.id, confirmMrn: p.mrn });
    expect(erased).toMatchObject({
      id: p.id,
      mrn: p.mrn,
      state: 'erased',
      firstName: '',
      lastName: '',
      dob: null,
      phone: null,
      email: null,
      nationalId: null,
      address: null,
      allergies: null,
      notes: null,
      insuranceProvider: null,
      emergencyContactName: null,
      erasedAt: '2025-03-24T10:00:00.000Z',
    });
    const [payment] = await rowsOf(t.a, 'test_payments');
    expect(payment).toEqual({ id: 'pay-1', patient_id: p.id, amount_minor: 1500, reference: 'REF-pay-1', notes: null });
    expect((await rowsOf(t.a, 'test_payment_lines'))[0]).toMatchObject({ comment: '', quantity: 2 });
    expect((await rowsOf(t.a, 'test_referrals'))[0]).toMatchObject({ referred_patient: p.id, reason: null });

    const row = await clinicDb(t.a, (db) => db.selectFrom('patients').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow());
    expect(JSON.stringify(row)).not.toMatch(/Ada|Lovelace|Peanuts|4242|Crescent|7946|example\.org/i);
    expect((await t.a.ok('patients:search', { q: 'lovelace' })).items).toEqual([]);
    expect((await t.a.ok('patients:search', { q: p.mrn })).items).toEqual([]);

    const entry = (await auditOf(t.a, p.id)).at(-1);
    expect(entry?.action).toBe('erase');
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ mrn: p.mrn, records: 1, cleared: { test_payments: 1, test_payment_lines: 1, test_referrals: 1 } });
  });

  test('old audit entries keep who changed what and when, but their values can no longer be read', async () => {
    const p = await create(t.a);
    await t.a.ok('patients:update', { id: p.id, lastName: 'Byron' });
    const before = await auditOf(t.a, p.id);
    await t.a.ok('patients:erase', { id: p.id, confirmMrn: p.mrn });
    const after = await auditOf(t.a, p.id);
    // the audit trail itself is untouched (append-only) ...
    expect(after.slice(0, before.length)).toEqual(before);
    expect(await clinicDb(t.a, (db) => db.selectFrom('patient_audit_keys').selectAll().where('patient_id', '=', p.id).execute())).toEqual([]);
    // ... and reading it back yields the fields but not their values
    const doc = JSON.parse((await t.a.ok('patients:export', { id: p.id })).json) as { audit: { action: string; changes: unknown }[] };
    expect(doc.audit.find((e) => e.action === 'update')?.changes).toEqual({ last_name: [null, null] });
    expect(JSON.stringify(doc)).not.toMatch(/Lovelace|Byron/);
  });

  test('records merged into the patient are erased with them', async () => {
    const p = await create(t.a);
    const dup = await create(t.a, { firstName: 'Adda' });
    await t.a.ok('patients:merge', { survivorId: p.id, otherId: dup.id });
    await t.a.ok('patients:erase', { id: p.id, confirmMrn: p.mrn });
    expect(await t.a.ok('patients:get', { id: dup.id })).toMatchObject({ state: 'erased', firstName: '', mergedInto: null });
    await t.a.fail('patients:erase', { id: p.id, confirmMrn: p.mrn }, 'CONFLICT');
  });

  test('the MRN must be typed to confirm, and a merged record is erased through its survivor', async () => {
    const p = await create(t.a);
    const dup = await create(t.a, { firstName: 'Adda' });
    expect((await t.a.fail('patients:erase', { id: p.id, confirmMrn: dup.mrn }, 'VALIDATION')).fields).toHaveProperty('confirmMrn');
    await t.a.ok('patients:merge', { survivorId: p.id, otherId: dup.id });
    await t.a.fail('patients:erase', { id: dup.id, confirmMrn: dup.mrn }, 'CONFLICT');
    expect((await t.a.ok('patients:get', { id: p.id })).state).toBe('active');
  });

  test('an erase racing a merge of the same record never leaves its data in the survivor', async () => {
    const survivor = await create(t.a, { firstName: 'Ada', email: 'ada@example.org' });
    const other = await create(t.a, { firstName: 'Adda', lastName: 'Secretname', notes: 'Private note', email: 'adda@example.org' });
    const [erase, merge] = await Promise.all([
      t.a.call('patients:erase', { id: other.id, confirmMrn: other.mrn }),
      t.a.call('patients:merge', { survivorId: survivor.id, otherId: other.id }),
    ]);
    expect([erase.ok, merge.ok].filter(Boolean)).toHaveLength(1);
    const kept = await t.a.ok('patients:get', { id: survivor.id });
    if (erase.ok) {
      expect(merge).toMatchObject({ ok: false });
      expect(JSON.stringify(kept)).not.toMatch(/Secretname|Private note|adda@example/);
    } else {
      expect(erase.error.code).toBe('CONFLICT');
      expect((await t.a.ok('patients:get', { id: other.id })).state).toBe('merged');
    }
  });

  test('erasing in one clinic touches nothing in the other', async () => {
    const a = await create(t.a);
    const b = await create(t.b);
    await t.a.ok('patients:erase', { id: a.id, confirmMrn: a.mrn });
    expect((await t.b.ok('patients:get', { id: b.id })).lastName).toBe('Lovelace');
    await t.b.fail('patients:erase', { id: a.id, confirmMrn: a.mrn }, 'NOT_FOUND');
  });
});
