import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { expectError, expectOk } from '../helpers/api';
import { auditOf, clinicDb, create, person, twoClinics, type TwoClinics } from './fixtures';

let t: TwoClinics;
beforeEach(async () => {
  t = await twoClinics();
});
afterEach(async () => t.api.dispose());

describe('patients:create', () => {
  test('stores every field and answers the full record with an MRN', async () => {
    const p = await create(t.a, {
      firstName: '  José ',
      lastName: "O'Brien",
      dobApproximate: true,
      address: '1 Main St',
      nationalId: 'AB 123-456',
      emergencyContactName: 'Maria',
      emergencyContactPhone: '+1 (555) 123-4567',
      insuranceProvider: 'ACME Health',
      insurancePolicyNumber: 'P-99',
      allergies: 'Penicillin',
      notes: 'Prefers mornings',
    });
    expect(p).toMatchObject({
      firstName: 'José',
      lastName: "O'Brien",
      dob: '1985-12-10',
      dobApproximate: true,
      sex: 'female',
      nationalId: 'AB 123-456',
      emergencyContactPhone: '+1 (555) 123-4567',
      allergies: 'Penicillin',
      state: 'active',
      createdAt: '2025-03-24T10:00:00.000Z',
    });
    expect(p.mrn).toMatch(/^\d{7}$/);
    const again = await t.a.ok('patients:get', { id: p.id });
    expect(again).toEqual(p);
  });

  test('blank optional fields are stored as null', async () => {
    const p = await create(t.a, { email: '  ', phone: '', address: ' ' });
    expect([p.email, p.phone, p.address]).toEqual([null, null, null]);
  });

  test('refuses bad input with a message per field, and creates nothing', async () => {
    const error = await t.a.fail(
      'patients:create',
      { ...person(), firstName: '', lastName: 'x'.repeat(121), dob: '1990-02-30', email: 'not-an-email', phone: 'call me', sex: 'robot' as never, nationalId: '<script>' },
      'VALIDATION',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['dob', 'email', 'firstName', 'lastName', 'nationalId', 'phone', 'sex']);
    expect(JSON.stringify(error)).not.toContain('not-an-email');
    const listed = await t.a.ok('patients:list', {});
    expect(listed.items).toEqual([]);
  });

  test('a date of birth in the future (by the clinic clock) is refused', async () => {
    const error = await t.a.fail('patients:create', person({ dob: '2025-03-25' }), 'VALIDATION');
    expect(error.fields).toEqual({ dob: 'The date of birth cannot be in the future.' });
    await create(t.a, { dob: '2025-03-24' });
  });

  test('names need a letter and no control characters', async () => {
    expect((await t.a.fail('patients:create', person({ firstName: '1234' }), 'VALIDATION')).fields).toHaveProperty('firstName');
    expect((await t.a.fail('patients:create', person({ lastName: 'Lo\u0000ve' }), 'VALIDATION')).fields).toHaveProperty('lastName');
  });

  test('unknown fields are refused rather than ignored', async () => {
    expectError(await t.a.call('patients:create', { ...person(), clinicId: 'x' } as never), 'VALIDATION');
  });

  test('writes a create entry to the audit trail, without personal data', async () => {
    const p = await create(t.a);
    const entries = await auditOf(t.a, p.id);
    expect(entries.map((e) => e.action)).toEqual(['create']);
    expect(entries[0]).toMatchObject({ entity: 'patient', user_id: t.a.userId });
    expect(JSON.stringify(entries)).not.toContain('Lovelace');
  });

  test("the plan's patient limit refuses one more, counting live patients only", async () => {
    await t.api.core.master.updateTable('plans').set({ max_patients: 2 }).where('code', '=', 'enterprise').execute();
    const first = await create(t.a, { firstName: 'One' });
    await create(t.a, { firstName: 'Two' });
    const error = await t.a.fail('patients:create', { ...person({ firstName: 'Three' }), confirmDuplicate: true }, 'LIMIT_REACHED');
    expect(error.message).toContain('2');
    await t.a.ok('patients:delete', { id: first.id });
    await create(t.a, { firstName: 'Three' });
  });
});

describe('patients:get and patients:findByMrn', () => {
  test('every opening of a record is written to the audit trail', async () => {
    const p = await create(t.a);
    await t.a.ok('patients:get', { id: p.id });
    await t.a.ok('patients:findByMrn', { mrn: p.mrn });
    const entries = await auditOf(t.a, p.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'view', 'view']);
  });

  test('an unknown id is NOT_FOUND; a malformed id is VALIDATION', async () => {
    await t.a.fail('patients:get', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }, 'NOT_FOUND');
    await t.a.fail('patients:get', { id: 'nope' }, 'VALIDATION');
  });

  test('a patient of clinic A does not exist for clinic B', async () => {
    const p = await create(t.a);
    await t.b.fail('patients:get', { id: p.id }, 'NOT_FOUND');
    await t.b.fail('patients:update', { id: p.id, notes: 'x' }, 'NOT_FOUND');
    await t.b.fail('patients:delete', { id: p.id }, 'NOT_FOUND');
    const mrnInB = await t.b.call('patients:findByMrn', { mrn: p.mrn });
    expectError(mrnInB, 'NOT_FOUND');
  });
});

describe('patients:update', () => {
  test('audits each changed field with its old and new value, sealed in the log', async () => {
    const p = await create(t.a);
    const updated = await t.a.ok('patients:update', { id: p.id, lastName: 'Byron', phone: '+44 20 0000 0000', email: p.email ?? undefined });
    expect(updated).toMatchObject({ lastName: 'Byron', phone: '+44 20 0000 0000', updatedAt: '2025-03-24T10:00:00.000Z' });
    const entry = (await auditOf(t.a, p.id)).find((e) => e.action === 'update');
    const changes = JSON.parse(entry?.changes ?? '{}') as Record<string, unknown[]>;
    expect(Object.keys(changes).sort()).toEqual(['last_name', 'phone']);
    // the values are in the log, but sealed with the patient's key (see erasure)
    expect(entry?.changes).not.toContain('Lovelace');
    expect(entry?.changes).not.toContain('Byron');

    const exported = JSON.parse((await t.a.ok('patients:export', { id: p.id })).json) as { audit: { action: string; changes: unknown }[] };
    expect(exported.audit.find((e) => e.action === 'update')?.changes).toEqual({ last_name: ['Lovelace', 'Byron'], phone: ['+44 20 7946 0018', '+44 20 0000 0000'] });
  });

  test('an update that changes nothing writes no audit entry', async () => {
    const p = await create(t.a);
    await t.a.ok('patients:update', { id: p.id, firstName: 'Ada' });
    expect((await auditOf(t.a, p.id)).map((e) => e.action)).toEqual(['create']);
  });

  test('clearing an optional field sets it to null', async () => {
    const p = await create(t.a);
    expect((await t.a.ok('patients:update', { id: p.id, email: '' })).email).toBeNull();
  });

  test('a deleted record cannot be edited until restored', async () => {
    const p = await create(t.a);
    await t.a.ok('patients:delete', { id: p.id });
    await t.a.fail('patients:update', { id: p.id, notes: 'x' }, 'CONFLICT');
  });
});

describe('soft delete and restore', () => {
  test('deleting hides the patient from list and search; a manager restores them', async () => {
    const p = await create(t.a, { lastName: 'Hopper' });
    const deleted = await t.a.ok('patients:delete', { id: p.id });
    expect(deleted).toMatchObject({ state: 'deleted', deletedAt: '2025-03-24T10:00:00.000Z' });
    expect((await t.a.ok('patients:search', { q: 'hopper' })).items).toEqual([]);
    expect((await t.a.ok('patients:list', {})).items).toEqual([]);
    expect((await t.a.ok('patients:listDeleted', {})).items.map((i) => i.id)).toEqual([p.id]);
    // still in the file
    expect(await clinicDb(t.a, (db) => db.selectFrom('patients').select('state').where('id', '=', p.id).executeTakeFirst())).toEqual({ state: 'deleted' });

    const restored = await t.a.ok('patients:restore', { id: p.id });
    expect(restored).toMatchObject({ state: 'active', deletedAt: null, mrn: p.mrn });
    expect((await t.a.ok('patients:search', { q: 'hopper' })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await auditOf(t.a, p.id)).map((e) => e.action)).toEqual(['create', 'delete', 'restore']);
  });

  test('restoring an active patient is a CONFLICT', async () => {
    const p = await create(t.a);
    await t.a.fail('patients:restore', { id: p.id }, 'CONFLICT');
  });

  test('listDeleted pages with a cursor, most recent first', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const p = await create(t.a, { firstName: `P${'abcde'[i]}` });
      t.clock.advanceMinutes(1);
      await t.a.ok('patients:delete', { id: p.id });
      ids.push(p.id);
    }
    const first = await t.a.ok('patients:listDeleted', { pageSize: 3 });
    const second = await t.a.ok('patients:listDeleted', { pageSize: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
  });
});

test('results are data: a patients call never throws across the bridge', async () => {
  const r = await t.a.call('patients:get', {} as never);
  expect(r.ok).toBe(false);
  expectOk(await t.a.call('patients:list', {}));
});
